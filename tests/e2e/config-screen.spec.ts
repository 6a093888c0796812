import { expect, test } from './fixtures';

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
  await expect(items).toHaveText([
    'Remove tags…',
    'Move to collection…',
    'Delete assets…',
    'Reorder collections…',
  ]);
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
