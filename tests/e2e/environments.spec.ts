/**
 * Environments share the plugin's origin and keep every id (DatoCMS forks): a run belongs to the
 * environment it was made in, and the plugin shows and acts on it only there.
 */
import type { HostPage } from './fixtures';
import { expect, test } from './fixtures';
import { fastTimingFor } from './media-helpers';
import { addTagsRun, mutations, ourPanel } from './security-helpers';

fastTimingFor(test);

type Upload = { id: string; tags: string[] };

async function uploadsIn(host: HostPage, environment: string): Promise<Map<string, Upload>> {
  const r = await fetch(
    `${host.urls.simUrl}/__sim/state?include=uploads&environment=${environment}`,
  );
  const body = (await r.json()) as { uploads: Upload[] };
  return new Map(body.uploads.map((u) => [u.id, u]));
}

async function switchTo(host: HostPage, environment: string): Promise<void> {
  await host.page.getByTestId('environment-switch').selectOption(environment);
  await expect(host.page.getByTestId('environment-label')).toContainText(
    `environment ${environment}`,
  );
  await expect(host.page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
}

/** Opens the run modal of a run id through the host, as a plugin frame would. */
async function openRunModal(host: HostPage, runId: string): Promise<void> {
  await host.page.evaluate((id) => {
    const sandbox = (
      window as unknown as { __sandbox: { methods: Record<string, (m: unknown) => unknown> } }
    ).__sandbox;
    void sandbox.methods.openModal!({ id: 'bulkRun', title: 'Run', parameters: { runId: id } });
  }, runId);
}

test('a run made in staging shows and acts only in staging; main has its own; switching back shows it again', async ({
  host,
  page,
}) => {
  await host.open('/media');
  await switchTo(host, 'staging');
  const ids = await addTagsRun(host, 'e2e-in-staging', 2);
  expect(
    [...(await uploadsIn(host, 'staging')).values()]
      .filter((u) => u.tags.includes('e2e-in-staging'))
      .map((u) => u.id)
      .sort(),
  ).toEqual([...ids].sort());
  expect(
    [...(await uploadsIn(host, 'main')).values()].some((u) => u.tags.includes('e2e-in-staging')),
  ).toBe(false);

  await host.go(`/media/assets/${ids[0]}`);
  const stagingRun = ourPanel(host).getByTestId('jobs-recent').getByTestId('jobs-run');
  await expect(stagingRun).toHaveCount(1);
  await expect(stagingRun.getByTestId('jobs-run-environment')).toHaveText('staging (sandbox)');
  const stagingRunId = (await stagingRun.getAttribute('data-run-id'))!;

  // Main: the same asset ids, none of staging's runs, neither recent nor "touched this asset".
  await switchTo(host, 'main');
  await host.go(`/media/assets/${ids[0]}`);
  await expect(ourPanel(host).getByTestId('jobs-panel-empty')).toHaveText('No bulk runs yet.');
  // Opened by its id, the staging run is not there to resume, retry or undo.
  await openRunModal(host, stagingRunId);
  await expect(host.modalFrame().getByTestId('run-modal')).toContainText(
    'This run is no longer in the browser’s storage.',
  );
  await page.getByTestId('modal-close').click();

  // A run in main, on the same ids: main's panel lists it, and only it.
  await addTagsRun(host, 'e2e-in-main', 2);
  await host.go(`/media/assets/${ids[0]}`);
  const mainRuns = ourPanel(host).getByTestId('jobs-touching').getByTestId('jobs-run');
  await expect(mainRuns).toHaveCount(1);
  await expect(mainRuns.getByTestId('jobs-run-environment')).toHaveText('main (primary)');
  const mainRunId = (await mainRuns.getAttribute('data-run-id'))!;
  expect(mainRunId).not.toBe(stagingRunId);

  // Back in staging: its run again, not main's; Undo there changes staging only.
  await switchTo(host, 'staging');
  await host.go(`/media/assets/${ids[0]}`);
  const touching = ourPanel(host).getByTestId('jobs-touching').getByTestId('jobs-run');
  await expect(touching).toHaveCount(1);
  await expect(touching).toHaveAttribute('data-run-id', stagingRunId);
  await openRunModal(host, mainRunId);
  await expect(host.modalFrame().getByTestId('run-modal')).toContainText(
    'This run is no longer in the browser’s storage.',
  );
  await page.getByTestId('modal-close').click();
  const before = mutations(await host.simLog()).length;
  await touching.getByRole('button', { name: 'Open report' }).click();
  const modal = host.modalFrame();
  await expect(modal.getByTestId('run-modal-environment')).toHaveText(
    'Environment: staging (sandbox)',
  );
  await modal.getByRole('button', { name: /^Undo/ }).click();
  // The run's own report also says "2 succeeded": wait for the Undo's report first.
  await expect(modal.getByTestId('bulk-step-report')).toContainText('Undo add tags: report');
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const staging = await uploadsIn(host, 'staging');
  const main = await uploadsIn(host, 'main');
  for (const id of ids) {
    expect(staging.get(id)!.tags).not.toContain('e2e-in-staging');
    expect(main.get(id)!.tags).toContain('e2e-in-main');
  }
  const undo = mutations(await host.simLog()).slice(before) as {
    method: string;
    path: string;
    environment?: string;
  }[];
  expect(undo.length).toBeGreaterThan(0);
  for (const e of undo) expect(`${e.method} ${e.path} in ${e.environment}`).toMatch(/ in staging$/);
});
