import { readFile } from 'node:fs/promises';
import type { FrameLocator, Locator } from '@playwright/test';
import type { SimAdmin } from '../support/sim-admin';
import { expect, test, type HostPage } from './fixtures';
import {
  addTagsInPicker,
  elementScreenshot,
  expectAccessible,
  expectAccessibleIn,
  fastTimingFor,
  screenshot,
  openAction,
  releaseUntilEnded,
  simPut,
  uploadsById,
  withParameters,
} from './media-helpers';

fastTimingFor(test);
test.afterEach(async ({ host }) => {
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
});

function uploadPanel(host: HostPage): FrameLocator {
  return host.page.frameLocator('iframe[data-testid="upload-sidebar-panel-frame"]');
}

/** "x / N" of a running row, as numbers. */
async function progressOf(row: Locator): Promise<[number, number]> {
  const text = (await row.getByTestId('jobs-run-progress').textContent({ timeout: 1000 })) ?? '';
  const m = /^([\d,]+) \/ ([\d,]+)/.exec(text.trim());
  return m ? [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))] : [-1, -1];
}

/**
 * Starts Add tags on the first `count` assets (chunks of 2, one in flight) with the simulator's
 * jobs held, and returns the ids once the first chunk's job is waiting: the test releases jobs
 * when it has seen what it must see in flight.
 */
async function startHeldRun(
  host: HostPage,
  sim: SimAdmin,
  count: number,
  tag: string,
): Promise<string[]> {
  await sim.hold();
  await withParameters(host, { chunkSize: 2, jobsInFlight: 1 });
  const { ids, frame } = await openAction(host, 'Add tags…', count);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, [tag]);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: `Run on ${count} assets` }).click();
  await expect(frame.getByTestId('bulk-step-progress')).toBeVisible();
  await sim.waitForHeld(1);
  return ids;
}

async function taggedCount(host: HostPage, ids: string[], tag: string): Promise<number> {
  const now = await uploadsById(host);
  return ids.filter((id) => now.get(id)!.tags.includes(tag)).length;
}

test('a run started in the Media Area shows in the jobs panel of an upload it touches, with live progress', async ({
  host,
  page,
  sim,
}) => {
  const ids = await startHeldRun(host, sim, 10, 'e2e-panel-live');
  await page.getByTestId('modal-close').click();
  await expect(host.modal()).toHaveCount(0);

  // In-app navigation to one of the assets: the boot frame (and the run) carry on.
  await host.go(`/media/assets/${ids[9]}`);
  const panel = uploadPanel(host);
  const touching = panel.getByTestId('jobs-touching').getByTestId('jobs-run');
  await expect(touching).toHaveCount(1);
  const row = touching.first();
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Running');
  await expect(row).toContainText('Add tags');
  // Live: the count moves while the run executes (one chunk let through, the next one held),
  // then the outcome replaces it.
  await expect.poll(async () => (await progressOf(row))[1]).toBe(10);
  await sim.release(1);
  await expect.poll(async () => (await progressOf(row))[0]).toBe(2);
  await sim.waitForHeld(1);
  await expectAccessibleIn(host.page, '[data-testid="upload-sidebar-panel"]');
  await elementScreenshot(host.page, 'upload-sidebar-panel', 'jobs-panel-running');
  // Follow re-attaches a modal to the running run: live progress, then its report.
  await row.getByRole('button', { name: 'Follow' }).click();
  const modal = host.modalFrame();
  await expect(modal.getByTestId('bulk-step-progress')).toBeVisible();
  await sim.release();
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('10 succeeded', {
    timeout: 20_000,
  });
  await page.getByTestId('modal-close').click();
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Done');
  await expect(row.getByTestId('jobs-run-outcome')).toHaveText('10 succeeded');
  expect(await taggedCount(host, ids, 'e2e-panel-live')).toBe(10);

  // The same run is in "Recent runs"; an asset outside the run lists no run that touched it.
  await expect(panel.getByTestId('jobs-recent').getByTestId('jobs-run')).toHaveCount(1);
  const all = await uploadsById(host);
  const outside = [...all.keys()].find((id) => !ids.includes(id))!;
  await host.go(`/media/assets/${outside}`);
  await expect(panel.getByTestId('jobs-touching')).toContainText(
    'None of the recent runs touched this asset.',
  );
  await expect(panel.getByTestId('jobs-recent').getByTestId('jobs-run')).toHaveCount(1);
});

test('Cancel in the jobs panel stops a running run: the chunks already sent finish, the rest are not run', async ({
  host,
  page,
  sim,
}) => {
  const tag = 'e2e-panel-cancel';
  const ids = await startHeldRun(host, sim, 12, tag);
  await page.getByTestId('modal-close').click();
  await host.go(`/media/assets/${ids[0]}`);
  const row = uploadPanel(host).getByTestId('jobs-touching').getByTestId('jobs-run').first();
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Running');
  // The first chunk ends; the second is sent and held, so it is in flight when Cancel is pressed.
  await sim.release(1);
  await expect.poll(async () => (await progressOf(row))[0]).toBe(2);
  await sim.waitForHeld(1);
  await row.getByRole('button', { name: 'Cancel' }).click();
  await releaseUntilEnded(
    sim,
    async () => (await row.getByTestId('jobs-run-state').textContent()) === 'Cancelled',
  );
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Cancelled');
  const outcome = (await row.getByTestId('jobs-run-outcome').textContent()) ?? '';
  const succeeded = Number(/(\d+) succeeded/.exec(outcome)?.[1] ?? -1);
  const notRun = Number(/(\d+) not run/.exec(outcome)?.[1] ?? -1);
  // The chunks already sent (at least the two let through) finished; the rest were not run.
  expect(succeeded).toBeGreaterThanOrEqual(4);
  expect(notRun).toBeGreaterThan(0);
  expect(succeeded + notRun).toBe(12);
  // Exactly the succeeded assets have the tag in the simulator.
  expect(await taggedCount(host, ids, tag)).toBe(succeeded);
});

test('a run interrupted by a reload is resumed from the jobs panel and completes', async ({
  host,
  page,
  sim,
}) => {
  // The reload, the grace before a run counts as interrupted, and the resumed run take a while.
  test.setTimeout(60_000);
  const tag = 'e2e-resume';
  const ids = await startHeldRun(host, sim, 12, tag);
  // Mid-run: the first chunk done, the second sent and held, the rest not sent.
  await sim.release(1);
  await expect.poll(() => taggedCount(host, ids, tag), { timeout: 15_000 }).toBe(2);
  await sim.waitForHeld(1);
  await page.reload();
  await expect(page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
  const before = await taggedCount(host, ids, tag);
  expect(before).toBeLessThan(12);

  await host.go(`/media/assets/${ids[11]}`);
  const row = uploadPanel(host).getByTestId('jobs-touching').getByTestId('jobs-run').first();
  // No boot frame holds the run any more: the panel calls it interrupted and offers Resume.
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Interrupted', { timeout: 15_000 });
  await expectAccessibleIn(host.page, '[data-testid="upload-sidebar-panel"]');
  await elementScreenshot(host.page, 'upload-sidebar-panel', 'jobs-panel-interrupted');
  // Nothing ran meanwhile: the reload stopped the run.
  expect(await taggedCount(host, ids, tag)).toBe(2);
  // Jobs run normally from here on (the held chunk too: tagging twice changes nothing).
  await sim.release();
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByTestId('jobs-run-state')).toHaveText(/Starting…|Running/);
  await expect(row.getByTestId('jobs-run-state')).toHaveText('Done', { timeout: 20_000 });
  await expect(row.getByTestId('jobs-run-outcome')).toHaveText('12 succeeded');

  // The simulator's state: every id of the run carries the tag.
  const after = await uploadsById(host);
  for (const id of ids) expect(after.get(id)!.tags).toContain(tag);
});

test('from the panel: open the report, retry failed in the modal, export CSV, discard', async ({
  host,
  page,
}) => {
  const { ids, frame } = await openAction(host, 'Add tags…', 5);
  const failing = [ids[1]!, ids[3]!];
  await simPut(host, '/__sim/faults', {
    failingItemIds: Object.fromEntries(failing.map((id) => [id, 'ITEM_LOCKED'])),
  });
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-panel-retry']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 5 assets' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('2 failed');
  await page.getByTestId('modal-close').click();

  await host.go(`/media/assets/${failing[0]}`);
  const panel = uploadPanel(host);
  const row = panel.getByTestId('jobs-touching').getByTestId('jobs-run').first();
  await expect(row.getByTestId('jobs-run-outcome')).toHaveText('3 succeeded, 2 failed');
  await expectAccessibleIn(host.page, '[data-testid="upload-sidebar-panel"]');
  await elementScreenshot(host.page, 'upload-sidebar-panel', 'jobs-panel');

  // Export from the panel: one row per asset, the failures with their code.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.trim().split('\n')).toHaveLength(6);
  for (const id of failing) expect(csv).toMatch(new RegExp(`^${id},failed,ITEM_LOCKED,`, 'm'));

  // Open the report: the run modal shows the same outcome; Retry failed runs from there.
  await row.getByRole('button', { name: 'Open report' }).click();
  const modal = host.modalFrame();
  await expect(modal.getByTestId('bulk-report-failed')).toHaveText('2 failed');
  await expect(modal.getByTestId('bulk-report-row')).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, 'jobs-run-modal');
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await modal.getByRole('button', { name: 'Retry failed' }).click();
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  await expect(modal.getByTestId('bulk-report-failed')).toHaveText('0 failed');
  const after = await uploadsById(host);
  for (const id of ids) expect(after.get(id)!.tags).toContain('e2e-panel-retry');
  await page.getByTestId('modal-close').click();

  // The retry is a run of its own, and it touched this asset too.
  const touching = panel.getByTestId('jobs-touching').getByTestId('jobs-run');
  await expect(touching).toHaveCount(2);
  const retryRow = touching.filter({ hasText: '(retry)' });
  await expect(retryRow.getByTestId('jobs-run-outcome')).toHaveText('2 succeeded');
  await retryRow.getByRole('button', { name: 'Discard' }).click();
  await expect(touching).toHaveCount(1);
  await expect(panel.getByTestId('jobs-recent').getByTestId('jobs-run')).toHaveCount(1);
});
