/**
 * A co-installed plugin without the token, on the shared plugin origin, tries every path a frame
 * of that origin has to make Bulk Actions act or to read what it keeps (docs/security.md).
 */
import { expect, test } from './fixtures';
import { fastTimingFor, simState, uploadsById } from './media-helpers';
import {
  addTagsRun,
  capturedTraffic,
  installNeighbour,
  isPlainRunMessage,
  mutations,
  neighbourBoot,
  neighbourPanel,
  ourPanel,
  recordChannelTraffic,
} from './security-helpers';

fastTimingFor(test);

test('a neighbour plugin on the shared origin cannot make Bulk Actions run, cancel, retry or undo anything, nor read its runs', async ({
  host,
  page,
  urls,
}) => {
  await recordChannelTraffic(page);
  await host.open('/media');
  expect(new URL(urls.pluginUrl).pathname).toBe(
    '/datocms-plugin-bulk-actions@0.1.0/dist/index.html',
  );
  await installNeighbour(host);

  // A real run of the user first: there is a ledger, a channel and a `start` to replay.
  const legit = await addTagsRun(host, 'e2e-legit-tag', 2);
  const state = await simState(host);
  const targets = state.uploads
    .map((u) => u.id)
    .filter((id) => !legit.includes(id))
    .slice(0, 3);
  const before = await uploadsById(host);
  const logBefore = mutations(await host.simLog());
  expect(logBefore.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /uploads/bulk/tag']);

  // The attacker: its sidebar panel next to ours on a target's page tells its ctx, and its hidden
  // boot frame (which lives as long as the page) attacks.
  await host.go(`/media/assets/${targets[0]}`);
  const ctx = await (await neighbourPanel(host)).evaluate(() => window.neighbour!.ctx());
  expect(ctx.hasToken).toBe(false);
  const neighbour = await neighbourBoot(host);
  const captured = await capturedTraffic(page);
  expect(captured.length).toBeGreaterThan(0);
  const report = await neighbour.evaluate((input) => window.neighbour!.attack(input), {
    siteId: ctx.siteId,
    environment: ctx.environment,
    targetIds: targets,
    captured,
  } as never);

  // A second real run through the same boot frame: everything the attacker posted before it has
  // been handled by the time it ends.
  await addTagsRun(host, 'e2e-after-tag', 1);

  // Nothing happened: the simulator saw the user's two runs and nothing else.
  const changes = mutations(await host.simLog()).map((e) => `${e.method} ${e.path}`);
  expect(changes).toEqual(['POST /uploads/bulk/tag', 'POST /uploads/bulk/tag']);
  const after = await uploadsById(host);
  for (const id of targets) expect(after.get(id), `asset ${id}`).toEqual(before.get(id));
  expect(after.size).toBe(before.size);

  // It did try: forged and copied rows in our ledger, replays of every captured envelope.
  expect(report.steps).toContain('wrote a delete run into the legacy ledger');
  expect(
    report.steps.some((x) => x.startsWith('tampered with datocms-plugin-bulk-actions:ledger:')),
  ).toBe(true);
  expect(report.steps).toContain(`replayed ${captured.length} captured envelopes twice`);

  // No boot frame answered it, and nothing it heard was readable.
  expect(report.steps).toContain('hello answered by 0 boot frames');
  const heard = await neighbour.evaluate(() => window.neighbour!.heard());
  expect(heard.filter((h) => isPlainRunMessage(h.data))).toEqual([]);

  // What it could read holds no token, no id, no tag and no file name of the runs.
  const tokens = (await (await fetch(`${urls.simUrl}/__sim/tokens`)).json()) as {
    data: { token: string }[];
  };
  const secrets = [
    ...tokens.data.map((t) => t.token),
    'e2e-legit-tag',
    'e2e-after-tag',
    ...legit,
    ...legit.map((id) => before.get(id)!.filename),
    'uploads.addTags',
  ];
  const readable =
    report.readable + (await neighbour.evaluate(() => window.neighbour!.dumpStorage()));
  for (const secret of secrets) expect(readable, secret).not.toContain(secret);
  expect(report.databases.some((n) => n.startsWith('datocms-plugin-bulk-actions:ledger:'))).toBe(
    true,
  );

  // Our panel lists the user's two runs, done, and nothing the attacker forged or copied.
  await host.go(`/media/assets/${legit[0]}`);
  const panel = ourPanel(host);
  const runs = panel.getByTestId('jobs-recent').getByTestId('jobs-run');
  await expect(runs).toHaveCount(2);
  await expect(runs.getByTestId('jobs-run-state')).toHaveText(['Done', 'Done']);
  await expect(runs.getByTestId('jobs-run-environment')).toHaveText([
    'main (primary)',
    'main (primary)',
  ]);

  // Residual risk, outside our control (docs/security.md): a frame of the shared origin in the
  // same page can reach our frames' windows directly; only DatoCMS can close that.
  test.info().annotations.push({
    type: 'residual',
    description: `the neighbour reached ${report.reachableFrames} same-origin frames of the page`,
  });
});
