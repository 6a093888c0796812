/**
 * Workflows are an Enterprise feature (DatoCMS product update on the workflows API). With the
 * simulator's plan set to no workflows (PUT /__sim/plan, docs/simulator.md), GET /workflows is
 * refused: previews of every action still work, and the plugin asks for workflows only where a
 * stage is needed.
 */
import { expect, test } from './fixtures';
import { fastTimingFor, openAction, simPut, uploadsById } from './media-helpers';
import { itemsById, openRecordAction, simPatchItem } from './records-helpers';

fastTimingFor(test);

test.beforeEach(async ({ host }) => {
  await simPut(host, '/__sim/plan', { workflows: false });
});
test.afterEach(async ({ host }) => {
  await simPut(host, '/__sim/plan', { workflows: true });
});

test('asset and record previews work on a plan without workflows, and never read them', async ({
  host,
}) => {
  const { ids, frame } = await openAction(host, 'Delete assets…', 3);
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-step-preview')).toBeVisible();
  const before = await uploadsById(host);
  const inUse = ids.filter((id) => before.get(id)!.in_use).length;
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(
    `${ids.length - inUse} will change`,
  );
  await host.page.getByTestId('modal-close').click();

  // Press releases used a workflow: without one they publish like any record.
  const release = [...(await itemsById(host)).values()].find(
    (i) => i.item_type === 'press_release',
  )!.id;
  await simPatchItem(host, release, { status: 'draft' });
  const publish = await openRecordAction(host, 'it-press-release', [release], 'Bulk publish…');
  await publish.getByRole('button', { name: 'Next' }).click();
  await expect(publish.getByTestId('bulk-preview-change')).toHaveText('1 will change');
  await publish.getByRole('button', { name: 'Run on 1 record' }).click();
  await expect(publish.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');
  expect((await itemsById(host)).get(release)!.status).toBe('published');
  await host.page.getByTestId('modal-close').click();

  // Moving to a stage needs a workflow: a message instead of a failing run.
  const move = await openRecordAction(
    host,
    'it-press-release',
    [release],
    'Move to workflow stage…',
  );
  await expect(move.getByTestId('bulk-model-refusal')).toHaveText(
    'This model has no workflow, so its records have no stages to move between.',
  );

  const workflowReads = (await host.simLog()).filter((e) => e.path.startsWith('/workflows'));
  expect(workflowReads).toEqual([]);
});
