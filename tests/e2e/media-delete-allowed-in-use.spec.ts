/**
 * With "Allow deleting assets that records still use" on, the preview keeps the assets in use
 * in the run and says what happens to the records using them (DatoCMS deletes assets in use;
 * the references then show a missing asset: agent-skills uploads.md). The simulator agrees.
 */
import { expect, test } from './fixtures';
import { fastTimingFor, openAction, uploadsById, withParameters } from './media-helpers';

fastTimingFor(test);

test('with the setting on, assets in use are deleted and the preview says the records will show a missing asset', async ({
  host,
}) => {
  await withParameters(host, { allowDeletingInUseAssets: true });
  const before = await uploadsById(host);
  const { ids, frame } = await openAction(host, 'Delete assets…', 12);
  const inUse = ids.filter((id) => before.get(id)!.in_use);
  expect(inUse.length, 'the first page has assets in use').toBeGreaterThan(0);
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('0 blocked');
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(`${ids.length} will change`);
  await expect(frame.getByTestId('bulk-in-use-deleted')).toContainText(
    'still used by records will be deleted, as the plugin settings allow: those records keep pointing at',
  );
  for (const id of inUse)
    await expect(frame.locator(`[data-testid="bulk-preview-row"][data-id="${id}"]`)).toContainText(
      'they will show a missing asset',
    );
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByLabel(/Type delete/).fill(`delete ${ids.length} assets`);
  await frame.getByRole('button', { name: `Delete ${ids.length} assets` }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${ids.length} succeeded`);

  const after = await uploadsById(host);
  for (const id of ids) expect(after.has(id), id).toBe(false);
  // The in-use assets went in the bulk calls (the run's input allows them through the engine's
  // per-chunk in-use check).
  const sent = (await host.simLog())
    .filter((e) => e.method === 'POST' && e.path === '/uploads/bulk/destroy')
    .flatMap((e) =>
      (
        e.body as { data: { relationships: { uploads: { data: { id: string }[] } } } }
      ).data.relationships.uploads.data.map((u) => u.id),
    );
  for (const id of inUse) expect(sent).toContain(id);
});
