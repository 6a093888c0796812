import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import {
  fastTimingFor,
  addTagsInPicker,
  expectAccessible,
  openAction,
  releaseUntilEnded,
  screenshot,
  simPut,
  simState,
  uploadsById,
  withParameters,
} from './media-helpers';

fastTimingFor(test);
test.afterEach(async ({ host }) => {
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
});

test('Move to collection: the selected assets end in the chosen collection, the rest stay', async ({
  host,
  page,
}) => {
  const state = await simState(host);
  const target = state.upload_collections[1]!;
  const { ids, frame } = await openAction(host, 'Move to collection…', 5);
  await frame.getByRole('button', { name: 'Next' }).click();
  const select = frame.getByLabel('Move to');
  await expect(select.locator('option', { hasText: target.label })).toHaveCount(1);
  await expect(select.locator('option').first()).toHaveText(/No collection/);
  await select.selectOption({ label: target.label });
  await expectAccessible(page);
  await screenshot(page, 'media-2-input-collection');
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 5 assets' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('5 succeeded');

  const after = await uploadsById(host);
  for (const u of state.uploads) {
    const now = after.get(u.id)!;
    expect(now.upload_collection).toBe(ids.includes(u.id) ? target.id : u.upload_collection);
  }
});

test('failing items show their code and reason, then succeed on Retry failed', async ({
  host,
  page,
}) => {
  const { ids, frame } = await openAction(host, 'Add tags…', 5);
  const failing = [ids[1]!, ids[3]!];
  await simPut(host, '/__sim/faults', {
    failingItemIds: Object.fromEntries(failing.map((id) => [id, 'ITEM_LOCKED'])),
  });
  const before = await uploadsById(host);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-retry']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 5 assets' }).click();

  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('2 failed');
  const rows = frame.getByTestId('bulk-report-row');
  await expect(rows).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, 'media-6-report-failures');
  for (const id of failing) {
    const row = rows.and(frame.locator(`[data-id="${id}"]`));
    await expect(row).toContainText(before.get(id)!.filename);
    await expect(row).toContainText('ITEM_LOCKED');
  }
  let mid = await uploadsById(host);
  for (const id of ids) expect(mid.get(id)!.tags.includes('e2e-retry')).toBe(!failing.includes(id));

  // The CSV export holds one row per asset, with the failures' code and reason.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    frame.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('id,state,code,reason');
  expect(lines).toHaveLength(6);
  for (const id of failing) expect(csv).toMatch(new RegExp(`^${id},failed,ITEM_LOCKED,`, 'm'));

  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('retry failed');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('0 failed');
  mid = await uploadsById(host);
  for (const id of ids) expect(mid.get(id)!.tags).toContain('e2e-retry');
});

test('Cancel stops new submissions: the report and the simulator agree on what ran', async ({
  host,
  page,
  sim,
}) => {
  // Held jobs: the first chunk stays in flight until the test has cancelled.
  await sim.hold();
  await withParameters(host, { chunkSize: 2, jobsInFlight: 1 });
  const { ids, frame } = await openAction(host, 'Add tags…', 12);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-cancel']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 12 assets' }).click();

  await expect(frame.getByTestId('bulk-step-progress')).toBeVisible();
  await expect(frame.getByTestId('bulk-progress-chunks')).toContainText('1 submitted');
  await expect(frame.getByText('cannot be stopped')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'media-5-progress');
  await sim.waitForHeld(1);
  await frame.getByRole('button', { name: 'Cancel run' }).click();
  await releaseUntilEnded(sim, () => frame.getByTestId('bulk-report-cancelled').isVisible());

  await expect(frame.getByTestId('bulk-report-cancelled')).toBeVisible();
  const succeeded = Number(
    (await frame.getByTestId('bulk-report-succeeded').textContent())!.split(' ')[0],
  );
  const notRun = Number(
    (await frame.getByTestId('bulk-report-not-run').textContent())!.split(' ')[0],
  );
  // The chunk in flight when Cancel was pressed finished; the rest were not run.
  expect(succeeded).toBeGreaterThanOrEqual(2);
  expect(notRun).toBeGreaterThan(0);
  expect(succeeded + notRun).toBe(12);
  const after = await uploadsById(host);
  const tagged = ids.filter((id) => after.get(id)!.tags.includes('e2e-cancel'));
  expect(tagged).toHaveLength(succeeded);
  // Chunks run in order: the tagged ones are the first ones.
  expect(tagged).toEqual(ids.slice(0, succeeded));
  await expect(frame.getByRole('button', { name: 'Retry failed' })).toBeVisible();
});

test('a run survives closing the modal: a toast says when it ends and the state is complete', async ({
  host,
  page,
  sim,
}) => {
  // Held jobs: the run is surely still going when the modal closes; released once away.
  await sim.hold();
  await withParameters(host, { chunkSize: 2, jobsInFlight: 1 });
  const { ids, frame } = await openAction(host, 'Add tags…', 8);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-background']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 8 assets' }).click();
  await expect(frame.getByTestId('bulk-step-progress')).toBeVisible();
  await page.getByTestId('modal-close').click();
  await expect(host.modal()).toHaveCount(0);
  // Move elsewhere in the CMS meanwhile.
  await host.go('/configuration/plugins/bulk-actions-sandbox/edit');
  await sim.waitForHeld(1);
  expect(
    await uploadsById(host).then((all) =>
      ids.some((id) => all.get(id)!.tags.includes('e2e-background')),
    ),
  ).toBe(false);
  await sim.release();

  await expect(host.toasts().filter({ hasText: 'Add tags finished: 8 succeeded.' })).toBeVisible({
    timeout: 20_000,
  });
  const after = await uploadsById(host);
  for (const id of ids) expect(after.get(id)!.tags).toContain('e2e-background');
});

test('the Editor role: Delete is disabled with its reason, Add tags runs with the editor token', async ({
  host,
  page,
}) => {
  await host.open('/media');
  await page.getByTestId('role-switch').selectOption('editor');
  await expect
    .poll(async () =>
      (await host.calls('onChange', 'host→plugin')).some((e) => e.frame.startsWith('onBoot#')),
    )
    .toBe(true);
  // No reload: the boot frame booted as Admin, and its runner must use the token of the ctx it
  // holds now, not the one it booted with.
  const ids = await host.selectAssets(3);
  const items = await host.openMenu('media-actions');
  await expect(items.filter({ hasText: 'Delete assets' })).toBeDisabled();
  await expect(items.filter({ hasText: 'Delete assets' })).toHaveText(
    'Delete assets (your role cannot delete assets)',
  );
  await items.filter({ hasText: 'Add tags…' }).click();
  const frame = host.modalFrame();
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-editor']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 3 assets' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');
  const after = await uploadsById(host);
  for (const id of ids) expect(after.get(id)!.tags).toContain('e2e-editor');
  const tagCalls = (await host.simLog()).filter(
    (e) => e.method === 'POST' && e.path === '/uploads/bulk/tag',
  );
  expect(tagCalls.map((e) => e.role)).toEqual(['Editor']);
});
