import { expect, test } from './fixtures';
import { fastTimingFor, openAction, uploadsById } from './media-helpers';

fastTimingFor(test);

/**
 * The CMA deletes assets that records still use. The preview leaves out the assets in use at
 * the time; one that records start using after the preview is caught by the engine's in-use
 * re-check right before its chunk is sent, and survives.
 */
test('Delete assets: an asset that becomes used after the preview is not deleted (checked right before its chunk)', async ({
  host,
}) => {
  const before = await uploadsById(host);
  const { ids, frame } = await openAction(host, 'Delete assets…', 16);
  const free = ids.filter((id) => !before.get(id)!.in_use);
  const inUse = ids.filter((id) => before.get(id)!.in_use);
  expect(free.length, 'the first page has assets not in use').toBeGreaterThan(1);

  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-step-preview')).toBeVisible();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(`${free.length} will change`);
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect(frame.getByTestId('bulk-step-confirm')).toBeVisible();

  // After the preview: a new record starts using one of the assets about to be deleted.
  const target = free[0]!;
  const created = await fetch(`${host.urls.simUrl}/__sim/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      item_type: 'article',
      status: 'draft',
      attributes: {
        cover: { upload_id: target, alt: null, title: null, custom_data: {}, focal_point: null },
      },
    }),
  });
  expect(created.ok).toBe(true);
  expect((await uploadsById(host)).get(target)!.in_use).toBe(true);

  await frame.getByLabel(/Type delete/).fill(`delete ${free.length} assets`);
  await frame.getByRole('button', { name: `Delete ${free.length} assets` }).click();

  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(
    `${free.length - 1} succeeded`,
  );
  await expect(frame.getByTestId('bulk-report-skipped')).toHaveText('1 skipped');
  const row = frame.locator(`[data-testid="bulk-report-row"][data-id="${target}"]`);
  await expect(row).toHaveAttribute('data-state', 'skipped');
  await expect(row).toContainText('IN_USE');
  await expect(row).toContainText('Records use it');

  // The simulator's state: the newly used asset and the ones in use at the preview survive.
  const after = await uploadsById(host);
  expect(after.has(target)).toBe(true);
  for (const id of inUse) expect(after.has(id)).toBe(true);
  for (const id of free.slice(1)) expect(after.has(id)).toBe(false);
  // And it was never sent: no bulk destroy named it.
  const log = (await (await fetch(`${host.urls.simUrl}/__sim/log`)).json()) as {
    data: { method: string; path: string; body: unknown }[];
  };
  const named = log.data
    .filter((e) => e.method === 'POST' && e.path === '/uploads/bulk/destroy')
    .flatMap(
      (e) =>
        (e.body as { data: { relationships: { uploads: { data: { id: string }[] } } } }).data
          .relationships.uploads.data,
    )
    .map((r) => r.id);
  expect(named).not.toContain(target);
  expect(named.length).toBe(free.length - 1);
});
