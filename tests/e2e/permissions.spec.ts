import { expect, test } from './fixtures';

test('the Editor role sees Delete assets disabled with its reason', async ({ host, page }) => {
  await host.open('/media');
  await host.selectAssets(2);
  await expect(await host.openMenu('media-actions')).toContainText(['Delete assets…']);
  await page.keyboard.press('Escape');

  await page.getByTestId('role-switch').selectOption('editor');
  // The role switch re-queries the menu and pushes the new currentRole to the boot frame.
  await expect
    .poll(async () =>
      (await host.calls('onChange', 'host→plugin')).some((e) => e.frame.startsWith('onBoot#')),
    )
    .toBe(true);
  const items = await host.openMenu('media-actions');
  const destroy = items.filter({ hasText: 'Delete assets' });
  await expect(destroy).toHaveText('Delete assets (your role cannot delete assets)');
  await expect(destroy).toBeDisabled();
  await expect(destroy).toHaveAttribute('aria-disabled', 'true');
  await expect(items.filter({ hasText: 'Add tags…' })).toBeEnabled();

  await expect(items.filter({ hasText: 'Reorder collections' })).toHaveText(
    'Reorder collections (your role cannot manage upload collections)',
  );

  // A disabled entry runs nothing.
  await destroy.click({ force: true });
  expect(await host.calls('executeUploadsDropdownAction', 'host→plugin')).toHaveLength(0);
  await expect(host.modal()).toHaveCount(0);

  // Record actions for the Editor: no publish, no delete; moving between stages is not granted either.
  await page.getByTestId('nav-collection').first().click();
  await page.getByTestId('collection-row-checkbox').first().check();
  const recordItems = await host.openMenu('collection-actions');
  await expect(recordItems.filter({ hasText: 'Bulk delete' })).toHaveText(
    'Bulk delete (your role cannot delete records of this model)',
  );
  await expect(recordItems.filter({ hasText: 'Bulk delete' })).toBeDisabled();
  await expect(recordItems.filter({ hasText: 'Bulk publish' })).toHaveText(
    'Bulk publish (your role cannot publish records of this model)',
  );
  await expect(recordItems.filter({ hasText: 'Bulk publish' })).toBeDisabled();
});

test('without the token grant, executing an action alerts the missing permission', async ({
  host,
  page,
}) => {
  await host.open('/media');
  await page.getByTestId('token-grant-switch').uncheck();
  await host.selectAssets(2);
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Add tags…' }).click();

  const toast = host
    .toasts()
    .filter({ hasText: 'needs the “Access the current user’s API token” permission' });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('role', 'alert');
  const [alert] = await host.calls('alert');
  expect(alert!.args[0]).toContain('Access the current user’s API token');
  expect(alert!.frame).toMatch(/^onBoot#/);
  // No modal: the plugin stopped before opening one.
  await expect(host.modal()).toHaveCount(0);
  expect(await host.calls('openModal')).toHaveLength(0);
});
