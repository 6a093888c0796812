import type { FrameLocator } from '@playwright/test';
import { expect, test, type HostPage } from './fixtures';
import { addTagsInPicker, fastTimingFor, openAction, simPut, uploadsById } from './media-helpers';

fastTimingFor(test);
test.afterEach(async ({ host }) => {
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
});

function uploadPanel(host: HostPage): FrameLocator {
  return host.page.frameLocator('iframe[data-testid="upload-sidebar-panel-frame"]');
}

test('Undo in the report of a "Retry failed" run reverts the retry and the run it retried', async ({
  host,
  page,
}) => {
  const { ids, frame } = await openAction(host, 'Add tags…', 5);
  const failing = [ids[1]!, ids[3]!];
  const before = await uploadsById(host);
  await simPut(host, '/__sim/faults', {
    failingItemIds: Object.fromEntries(failing.map((id) => [id, 'ITEM_LOCKED'])),
  });
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-undo-retry']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 5 assets' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('2 failed');
  await page.getByTestId('modal-close').click();

  // Retry failed from the run's report in the run modal: the two now succeed.
  await host.go(`/media/assets/${failing[0]}`);
  const row = uploadPanel(host).getByTestId('jobs-touching').getByTestId('jobs-run').first();
  await expect(row.getByTestId('jobs-run-outcome')).toHaveText('3 succeeded, 2 failed');
  await row.getByRole('button', { name: 'Open report' }).click();
  const modal = host.modalFrame();
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await modal.getByRole('button', { name: 'Retry failed' }).click();
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const mid = await uploadsById(host);
  for (const id of ids) expect(mid.get(id)!.tags).toContain('e2e-undo-retry');

  // The retry's report says what Undo covers, and one Undo restores all five assets.
  await expect(modal.getByTestId('bulk-report-undo-covers')).toContainText(
    'also the run it retried',
  );
  await modal.getByRole('button', { name: /^Undo/ }).click();
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('5 succeeded');
  const after = await uploadsById(host);
  for (const [id, u] of after) expect(u.tags).toEqual(before.get(id)!.tags);
});

test('In the bulk modal too: Retry failed, then one Undo reverts the retry and the run it retried', async ({
  host,
}) => {
  const { ids, frame } = await openAction(host, 'Add tags…', 5);
  const failing = [ids[0]!, ids[2]!];
  const before = await uploadsById(host);
  await simPut(host, '/__sim/faults', {
    failingItemIds: Object.fromEntries(failing.map((id) => [id, 'ITEM_LOCKED'])),
  });
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-undo-retry-modal']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 5 assets' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('2 failed');

  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const mid = await uploadsById(host);
  for (const id of ids) expect(mid.get(id)!.tags).toContain('e2e-undo-retry-modal');

  await expect(frame.getByTestId('bulk-report-undo-covers')).toContainText(
    'also the run it retried',
  );
  await frame.getByRole('button', { name: /^Undo/ }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('5 succeeded');
  const after = await uploadsById(host);
  for (const [id, u] of after) expect(u.tags).toEqual(before.get(id)!.tags);
});
