import { expect, test } from './fixtures';
import {
  addTagsInPicker,
  fastTimingFor,
  openAction,
  simPut,
  uploadsById,
  withParameters,
} from './media-helpers';

fastTimingFor(test);

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

test('the jobs panel and the run modal agree with the menus: Retry failed is withheld with the reason', async ({
  host,
  page,
}) => {
  // Signed in as the Editor throughout: runs are kept per user (their token), so the Editor's
  // panel lists the Editor's runs only (docs/security.md).
  await host.open('/media');
  await page.getByTestId('role-switch').selectOption('editor');
  const { ids, frame } = await openAction(host, 'Add tags…', 3);
  await simPut(host, '/__sim/faults', { failingItemIds: { [ids[0]!]: 'ITEM_LOCKED' } });
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-agree']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 3 assets' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('1 failed');
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await page.getByTestId('modal-close').click();

  // Add tags switched off in the settings: the run stays listed, but cannot be retried.
  await withParameters(host, { enabledActions: { 'uploads.addTags': false } });
  await host.go(`/media/assets/${ids[0]}`);
  const panel = page.frameLocator('iframe[data-testid="upload-sidebar-panel-frame"]');
  const row = panel.getByTestId('jobs-touching').getByTestId('jobs-run').first();
  await expect(row.getByTestId('jobs-run-outcome')).toHaveText('2 succeeded, 1 failed');
  await expect(row.getByTestId('jobs-run-retry-blocked')).toHaveText(
    'Retry failed is not available: this action is switched off in the settings.',
  );
  await expect(row.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Open report' }).click();
  const modal = host.modalFrame();
  await expect(modal.getByTestId('bulk-report-failed')).toHaveText('1 failed');
  await expect(modal.getByTestId('run-modal-blocked')).toHaveText(
    'Retry failed and Undo are not available: this action is switched off in the settings.',
  );
  await expect(modal.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
  await page.getByTestId('modal-close').click();

  // Back on: the Editor may add tags, so the panel offers Retry failed again, and it works.
  await withParameters(host, {});
  await host.go(`/media/assets/${ids[0]}`);
  await expect(row.getByTestId('jobs-run-retry-blocked')).toHaveCount(0);
  await row.getByRole('button', { name: 'Retry failed' }).click();
  const retryRow = panel.getByTestId('jobs-touching').getByTestId('jobs-run').filter({
    hasText: '(retry)',
  });
  await expect(retryRow.getByTestId('jobs-run-outcome')).toHaveText('1 succeeded', {
    timeout: 15_000,
  });
  expect((await uploadsById(host)).get(ids[0]!)!.tags).toContain('e2e-agree');
  const tagCalls = (await host.simLog()).filter(
    (e) => e.method === 'POST' && e.path === '/uploads/bulk/tag',
  );
  expect(tagCalls.map((e) => e.role)).toEqual(['Editor', 'Editor']);
});
