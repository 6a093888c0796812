import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mediaAreaLabels } from './menuLabels';
import { elementScreenshot, expectAccessibleIn, withParameters } from './media-helpers';

/** What the sandbox stored for the plugin (the host shows it for tests). */
async function storedParameters(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('stored-parameters').textContent()) ?? '{}') as Record<
    string,
    unknown
  >;
}

/** §9 of the SDK reference: what every getSettings()/onChange() must carry. */
const COMPLETE_PROPERTY_SET = [
  'mode',
  'bodyPadding',
  'theme',
  'cssDesignTokens',
  'colorScheme',
  'plugin',
  'currentUser',
  'currentRole',
  'currentUserAccessToken',
  'site',
  'environment',
  'isEnvironmentPrimary',
  'cmaBaseUrl',
  'cdaEndpointUrl',
  'owner',
  'ui',
  'itemTypes',
  'fields',
  'fieldsets',
  'users',
  'ssoUsers',
];

test('saving the config screen stores the parameters, pushes onChange everywhere, and changes the menus at once', async ({
  host,
  page,
}) => {
  await host.open('/media');
  await host.selectAssets(1);
  await expect(await host.openMenu('media-actions')).toContainText(['Add tags…']);
  await page.keyboard.press('Escape');
  // Marks this document: the rest of the test must happen without a reload.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  await page.getByTestId('nav-config').click();
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  // Found by its accessible name: the label must name the switch (LabelledSwitchField).
  const addTags = frame.getByRole('switch', { name: 'Media Area: Add tags', exact: true });
  await expect(addTags).toHaveAttribute('aria-checked', 'true');
  await addTags.click();
  await expect(addTags).toHaveAttribute('aria-checked', 'false');
  await frame.getByRole('button', { name: 'Save settings' }).click();

  // The plugin's notice is a visible toast.
  const toast = host.toasts().filter({ hasText: 'Bulk Actions settings saved.' });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('role', 'status');
  await expect(toast).toHaveAttribute('data-type', 'notice');

  // The host stored exactly what the plugin sent.
  const [update] = await host.calls('updatePluginParameters');
  const sent = update!.args[0] as { enabledActions: Record<string, boolean> };
  expect(sent.enabledActions['uploads.addTags']).toBe(false);
  expect(sent.enabledActions['uploads.removeTags']).toBe(true);
  const stored = JSON.parse((await page.getByTestId('stored-parameters').textContent()) ?? '{}');
  expect(stored).toEqual(sent);
  const session = await page.evaluate(() => sessionStorage.getItem('bulk-actions-sandbox'));
  expect(JSON.parse(session!).parameters).toEqual(sent);

  // onChange with the complete property set went to the config frame and to the boot frame.
  const onChanges = await host.calls('onChange', 'host→plugin');
  const toBoot = onChanges.filter((e) => e.frame.startsWith('onBoot#'));
  const toConfig = onChanges.filter((e) => e.frame.startsWith('renderConfigScreen#'));
  expect(toBoot.length).toBeGreaterThan(0);
  expect(toConfig.length).toBeGreaterThan(0);
  for (const entry of [...toBoot, ...toConfig]) {
    const summary = entry.args[0] as { keys: string[]; parameters: unknown };
    expect(summary.parameters).toEqual(sent);
    expect(summary.keys).toEqual(expect.arrayContaining(COMPLETE_PROPERTY_SET));
  }
  expect((toBoot[0]!.args[0] as { mode: string }).mode).toBe('onBoot');

  // Dismissable toast.
  await toast.getByTestId('toast-dismiss').click();
  await expect(toast).toHaveCount(0);

  // Back to the Media Area without reloading: the menu no longer offers Add tags.
  await page.getByTestId('nav-media').click();
  await host.selectAssets(1);
  const items = await host.openMenu('media-actions');
  await expect(items).toHaveText(mediaAreaLabels({ without: ['Add tags…'] }));
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);

  // The stored parameters survive a reload of the host (sessionStorage).
  await page.reload();
  await expect(page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
  await host.selectAssets(1);
  await expect(await host.openMenu('media-actions')).not.toContainText(['Add tags…']);
});

test('a role switch pushes the complete new ctx to the open config screen without remounting it', async ({
  host,
  page,
}) => {
  await host.open('/configuration/plugins/bulk-actions-sandbox/edit');
  const iframe = page.locator('iframe[data-testid="config-frame"]');
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  const save = frame.getByRole('button', { name: 'Save settings' });
  await expect(save).toBeEnabled();
  const frameId = await iframe.getAttribute('data-frame-id');

  await page.getByTestId('role-switch').selectOption('editor');
  await expect(save).toBeDisabled();
  await expect(
    frame.getByText('Only roles that can edit the schema can change these settings.'),
  ).toBeVisible();
  // Same frame, told by onChange (not reloaded): one getSettings, at least one onChange.
  expect(await iframe.getAttribute('data-frame-id')).toBe(frameId);
  const label = `renderConfigScreen#${frameId}`;
  expect((await host.calls('getSettings')).filter((e) => e.frame === label)).toHaveLength(1);
  expect(
    (await host.calls('onChange', 'host→plugin')).filter((e) => e.frame === label).length,
  ).toBeGreaterThan(0);

  await page.getByTestId('role-switch').selectOption('admin');
  await expect(save).toBeEnabled();
});

test('corrupt and outdated parameters: the menus still work, the screen lists what was repaired, saving stores the repair', async ({
  host,
  page,
}) => {
  await withParameters(host, {
    version: 0,
    chunkSize: 999,
    jobsInFlight: 'four',
    typedConfirmationThreshold: -3,
    tagPresets: 'not-a-list',
    destructiveRoleIds: [42],
    enabledActions: { 'uploads.addTags': 'yes', 'uploads.destroy': false },
  });
  // The boot frame read them without crashing: bad values fell back to defaults, good ones held.
  await host.selectAssets(1);
  await expect(await host.openMenu('media-actions')).toHaveText(
    mediaAreaLabels({ without: ['Delete assets…'] }),
  );
  await page.keyboard.press('Escape');

  await page.getByTestId('nav-config').click();
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  const problems = frame.getByTestId('config-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('version 0; they were migrated to version 1');
  for (const key of [
    'chunkSize',
    'jobsInFlight',
    'typedConfirmationThreshold',
    'tagPresets',
    'destructiveRoleIds',
  ])
    await expect(problems).toContainText(`“${key}” was invalid`);
  await expect(frame.getByLabel('Items per bulk call')).toHaveValue('200');
  await expect(frame.getByLabel('Bulk jobs in flight')).toHaveValue('6');
  await expectAccessibleIn(page, 'iframe[data-testid="config-frame"]');
  await elementScreenshot(page, 'config-frame', 'config-repaired');

  await frame.getByRole('button', { name: 'Save settings' }).click();
  await expect(host.toasts().filter({ hasText: 'Bulk Actions settings saved.' })).toBeVisible();
  const stored = await storedParameters(page);
  expect(stored).toMatchObject({
    version: 1,
    chunkSize: 200,
    jobsInFlight: 6,
    typedConfirmationThreshold: 0,
    tagPresets: [],
    destructiveRoleIds: [],
  });
  expect((stored.enabledActions as Record<string, boolean>)['uploads.destroy']).toBe(false);
  expect((stored.enabledActions as Record<string, boolean>)['uploads.addTags']).toBe(true);
  // The screen got the stored settings back (onChange): nothing left to repair.
  await expect(problems).toHaveCount(0);
});

test('the roles allowed to run destructive actions are chosen from the project roles and apply to the menus at once', async ({
  host,
  page,
}) => {
  await host.open('/configuration/plugins/bulk-actions-sandbox/edit');
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  // Listed with GET /roles (the simulator's roles), all off: every permitted role may.
  const admin = frame.getByRole('switch', { name: 'Admin', exact: true });
  const editor = frame.getByRole('switch', { name: 'Editor', exact: true });
  await expect(admin).toHaveAttribute('aria-checked', 'false');
  await expect(editor).toHaveAttribute('aria-checked', 'false');
  expect((await host.simLog()).some((e) => e.method === 'GET' && e.path === '/roles')).toBe(true);
  await editor.click();
  await expect(editor).toHaveAttribute('aria-checked', 'true');
  await expectAccessibleIn(page, 'iframe[data-testid="config-frame"]');
  await elementScreenshot(page, 'config-frame', 'config-settings');
  await frame.getByRole('button', { name: 'Save settings' }).click();
  await expect(host.toasts().filter({ hasText: 'Bulk Actions settings saved.' })).toBeVisible();
  expect((await storedParameters(page)).destructiveRoleIds).toEqual(['role-editor']);

  // Without a reload: the Admin may delete by permission, but is not among the chosen roles.
  await page.getByTestId('nav-media').click();
  await host.selectAssets(2);
  let items = await host.openMenu('media-actions');
  const destroy = items.filter({ hasText: 'Delete assets' });
  await expect(destroy).toHaveText(
    'Delete assets (your role is not allowed to run destructive bulk actions)',
  );
  await expect(destroy).toBeDisabled();
  await expect(items.filter({ hasText: 'Add tags…' })).toBeEnabled();
  await page.keyboard.press('Escape');

  // The Editor is chosen, but its permissions do not allow deleting: that reason wins.
  await page.getByTestId('role-switch').selectOption('editor');
  await expect
    .poll(async () =>
      (await host.calls('onChange', 'host→plugin')).some((e) => e.frame.startsWith('onBoot#')),
    )
    .toBe(true);
  items = await host.openMenu('media-actions');
  await expect(items.filter({ hasText: 'Delete assets' })).toHaveText(
    'Delete assets (your role cannot delete assets)',
  );
});
