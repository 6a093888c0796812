import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect, test, type HostPage } from './fixtures';
import { expectAccessible, fastTimingFor, screenshot, simPut } from './media-helpers';

fastTimingFor(test);

type SimCollection = { id: string; label: string; position: number; parent: string | null };

/** The simulator's tree, parents before children, as "--id" lines (one dash per level). */
async function simTree(host: HostPage): Promise<string[]> {
  const r = await fetch(`${host.urls.simUrl}/__sim/state?include=upload_collections`);
  const list = ((await r.json()) as { upload_collections: SimCollection[] }).upload_collections;
  const parent = new Map(list.map((c) => [c.id, c.parent]));
  const depth = (id: string): number => {
    const p = parent.get(id);
    return p ? depth(p) + 1 : 0;
  };
  return list.map((c) => `${'-'.repeat(depth(c.id))}${c.id}`);
}

/** The bodies of the reorder requests the simulator received. */
async function reorderRequests(host: HostPage) {
  return (await host.simLog())
    .filter((e) => e.method === 'POST' && e.path === '/upload-collections/reorder')
    .map(
      (e) =>
        (
          e as unknown as {
            body: {
              data: {
                id: string;
                attributes: { position: number };
                relationships: { parent: { data: { id: string } | null } };
              }[];
            };
          }
        ).body.data,
    )
    .map((data) =>
      data.map((d) => ({
        id: d.id,
        position: d.attributes.position,
        parent: d.relationships.parent.data?.id ?? null,
      })),
    );
}

const DEMO = [
  'col-marketing',
  '-col-campaigns',
  '--col-campaigns-2025',
  '--col-campaigns-2026',
  '-col-social',
  'col-products',
  '-col-shoes',
  '-col-bags',
  '-col-accessories',
  'col-press',
  'col-archive',
  '-col-archive-2024',
];

async function openReorder(host: HostPage): Promise<FrameLocator> {
  await host.open('/media');
  await host.selectAssets(1);
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Reorder collections…' }).click();
  const frame = host.modalFrame();
  await expect(frame.getByTestId('reorder-step-edit')).toBeVisible();
  await expect(frame.getByTestId('reorder-row')).toHaveCount(12);
  return frame;
}

const row = (frame: FrameLocator, id: string) =>
  frame.locator(`[data-testid="reorder-row"][data-id="${id}"]`);
const handle = (frame: FrameLocator, id: string) => row(frame, id).getByTestId('reorder-handle');

/** A real pointer drag: press on the handle, move in steps by (dx, dy), release. */
async function drag(page: Page, from: Locator, dx: number, dy: number): Promise<void> {
  // hover() waits for the handle to stand still: the modal grows to its content after opening.
  await from.hover();
  const box = (await from.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 2, y + 2, { steps: 2 });
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.mouse.up();
}

async function centerY(locator: Locator): Promise<number> {
  const box = (await locator.boundingBox())!;
  return box.y + box.height / 2;
}

/** Preview → run → report; returns after the report shows `count` succeeded. */
async function applyAndReport(frame: FrameLocator, count: number): Promise<void> {
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('reorder-step-preview')).toBeVisible();
  await expect(frame.getByTestId('reorder-preview-row')).toHaveCount(count);
  await expect(frame.getByTestId('bulk-environment')).toContainText('primary environment “main”');
  await frame
    .getByRole('button', { name: `Reorder ${count} collection${count === 1 ? '' : 's'}` })
    .click();
  await expect(frame.getByTestId('bulk-step-report')).toBeVisible();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${count} succeeded`);
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('0 failed');
}

/** Picks a collection up with Space, presses `key`, waits for dnd-kit's announcement, drops it. */
async function keyboardMove(
  page: Page,
  frame: FrameLocator,
  id: string,
  key: string,
  announcement: RegExp,
): Promise<void> {
  await handle(frame, id).focus();
  await page.keyboard.press('Space');
  await expect(handle(frame, id)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(key);
  // Drop only once dnd-kit has measured the move (its live region says where it would land).
  await expect(frame.getByText(announcement)).toBeAttached();
  await page.keyboard.press('Space');
}

/** Someone else creates a collection on the server while the modal is open. */
async function simAddCollection(
  host: HostPage,
  body: { id: string; label: string; parent?: string },
): Promise<void> {
  const r = await fetch(`${host.urls.simUrl}/__sim/upload-collections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`POST /__sim/upload-collections answered ${r.status}`);
}

/** From the conflict notice: reload, re-apply, and send the `count` collections that change. */
async function reapplyAndReorder(frame: FrameLocator, count: number): Promise<void> {
  await frame
    .getByTestId('reorder-conflict')
    .getByRole('button', { name: 'Reload and re-apply my changes' })
    .click();
  await expect(frame.getByTestId('reorder-step-preview')).toBeVisible();
  await expect(frame.getByTestId('reorder-preview-row')).toHaveCount(count);
  await frame.getByRole('button', { name: `Reorder ${count} collections` }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${count} succeeded`);
}

test('mouse drag: Press kit dragged above Products; one reorder job with only the 2 collections that moved', async ({
  host,
  page,
}) => {
  expect(await simTree(host)).toEqual(DEMO);
  const frame = await openReorder(host);
  await expectAccessible(page);
  await screenshot(page, 'reorder-1-tree');

  const dy = (await centerY(row(frame, 'col-products'))) - (await centerY(row(frame, 'col-press')));
  await drag(page, handle(frame, 'col-press'), 0, dy);
  await expect(frame.getByTestId('reorder-change-count')).toHaveText('2 collections will change.');
  await expect(frame.getByTestId('reorder-row')).toHaveCount(12);
  await screenshot(page, 'reorder-2-edited');

  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('reorder-preview-row')).toHaveText([
    /Press kit\s*Top level, position 3\s*Top level, position 2/,
    /Products\s*Top level, position 2\s*Top level, position 3/,
  ]);
  await expectAccessible(page);
  await screenshot(page, 'reorder-3-preview');
  await frame.getByRole('button', { name: 'Reorder 2 collections' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  await expect(frame.getByTestId('reorder-result-row')).toHaveCount(12);
  await expectAccessible(page);
  await screenshot(page, 'reorder-4-report');

  expect(await simTree(host)).toEqual([
    ...DEMO.slice(0, 5),
    'col-press',
    ...DEMO.slice(5, 9),
    ...DEMO.slice(10),
  ]);
  // The request log: one reorder request, carrying the two collections whose position changed.
  expect(await reorderRequests(host)).toEqual([
    [
      { id: 'col-press', position: 2, parent: null },
      { id: 'col-products', position: 3, parent: null },
    ],
  ]);
});

test('keyboard move: Space picks up Bags, Arrow Up, Space drops it before Shoes; live job progress', async ({
  host,
  page,
  sim,
}) => {
  const frame = await openReorder(host);
  await keyboardMove(page, frame, 'col-bags', 'ArrowUp', /Bags would go to .*position 1/);
  await expect(frame.getByTestId('reorder-change-count')).toHaveText('2 collections will change.');
  // The job is held, so its live progress is seen for sure; released once seen.
  await sim.hold();
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Reorder 2 collections' }).click();
  await expect(frame.getByTestId('bulk-step-progress')).toBeVisible();
  await sim.waitForHeld(1);
  await expect(frame.getByTestId('bulk-progress-done')).toContainText('0 / 2 done');
  await screenshot(page, 'reorder-progress');
  expect((await simTree(host)).slice(5, 9)).toEqual(DEMO.slice(5, 9));
  await sim.release();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const tree = await simTree(host);
  expect(tree.slice(5, 9)).toEqual(['col-products', '-col-bags', '-col-shoes', '-col-accessories']);
  expect(await reorderRequests(host)).toEqual([
    [
      { id: 'col-bags', position: 1, parent: 'col-products' },
      { id: 'col-shoes', position: 2, parent: 'col-products' },
    ],
  ]);
});

test('keyboard nesting: Space, Arrow Right, Space puts Press kit inside Products (as its last child)', async ({
  host,
  page,
}) => {
  const frame = await openReorder(host);
  await keyboardMove(
    page,
    frame,
    'col-press',
    'ArrowRight',
    /Press kit would go to .*inside Products/,
  );
  await expect(row(frame, 'col-press')).toHaveAttribute('data-parent', 'col-products');
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(
    frame.locator('[data-testid="reorder-preview-row"][data-id="col-press"]'),
  ).toContainText('Products, position 4');
  await frame.getByRole('button', { name: 'Back' }).click();
  await applyAndReport(frame, 2);
  expect(await simTree(host)).toEqual([...DEMO.slice(0, 9), '-col-press', ...DEMO.slice(10)]);
  expect(await reorderRequests(host)).toEqual([
    [
      { id: 'col-press', position: 4, parent: 'col-products' },
      { id: 'col-archive', position: 3, parent: null },
    ],
  ]);
});

test('nesting under a new parent by mouse: Archive (with its child) dragged right under Press kit', async ({
  host,
  page,
}) => {
  const frame = await openReorder(host);
  // No vertical move, one level to the right: inside the collection above (Press kit).
  await drag(page, handle(frame, 'col-archive'), 40, 0);
  await expect(row(frame, 'col-archive')).toHaveAttribute('data-parent', 'col-press');
  await expect(row(frame, 'col-archive-2024')).toHaveAttribute('data-depth', '2');
  await applyAndReport(frame, 1);
  expect(await simTree(host)).toEqual([...DEMO.slice(0, 10), '-col-archive', '--col-archive-2024']);
  expect(await reorderRequests(host)).toEqual([
    [{ id: 'col-archive', position: 1, parent: 'col-press' }],
  ]);
});

test('sort A→Z of the whole tree sends only the 5 collections out of order; Undo restores the previous order', async ({
  host,
  page,
}) => {
  const frame = await openReorder(host);
  await frame.getByLabel('Sort').selectOption('all');
  await frame.getByRole('button', { name: 'Sort A→Z' }).click();
  await expect(frame.getByTestId('reorder-change-count')).toHaveText('5 collections will change.');
  await applyAndReport(frame, 5);
  expect(await simTree(host)).toEqual([
    'col-archive',
    '-col-archive-2024',
    'col-marketing',
    '-col-campaigns',
    '--col-campaigns-2025',
    '--col-campaigns-2026',
    '-col-social',
    'col-press',
    'col-products',
    '-col-accessories',
    '-col-bags',
    '-col-shoes',
  ]);
  const [sent] = await reorderRequests(host);
  expect(sent!.map((p) => p.id).sort()).toEqual(
    ['col-accessories', 'col-archive', 'col-marketing', 'col-products', 'col-shoes'].sort(),
  );

  await frame.getByRole('button', { name: 'Undo' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('Undo reorder collections');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('5 succeeded');
  await expectAccessible(page);
  await screenshot(page, 'reorder-5-undo');
  expect(await simTree(host)).toEqual(DEMO);
  const requests = await reorderRequests(host);
  expect(requests).toHaveLength(2);
  expect(requests[1]!.map((p) => p.id).sort()).toEqual(sent!.map((p) => p.id).sort());
});

test('sort Z→A of one level only touches that level', async ({ host }) => {
  const frame = await openReorder(host);
  await frame.getByLabel('Sort').selectOption({ label: 'inside Campaigns' });
  await frame.getByRole('button', { name: 'Sort Z→A' }).click();
  await applyAndReport(frame, 2);
  const tree = await simTree(host);
  expect(tree).toEqual([
    DEMO[0],
    DEMO[1],
    '--col-campaigns-2026',
    '--col-campaigns-2025',
    ...DEMO.slice(4),
  ]);
});

test('stale tree: a collection created on the server meanwhile is noticed before sending; reload and re-apply', async ({
  host,
  page,
}) => {
  const frame = await openReorder(host);
  await frame.getByRole('button', { name: 'Move Archive up' }).click();
  await expect(frame.getByTestId('reorder-change-count')).toHaveText('2 collections will change.');

  // Someone else adds a top-level collection while the modal is open.
  await simAddCollection(host, { id: 'col-late', label: 'Late arrival' });

  await frame.getByRole('button', { name: 'Preview' }).click();
  const conflict = frame.getByTestId('reorder-conflict');
  await expect(conflict).toContainText('changed on the server');
  await expect(conflict).toContainText('1 collection added');
  await expectAccessible(page);
  await screenshot(page, 'reorder-6-conflict');
  expect(await reorderRequests(host)).toEqual([]);

  await reapplyAndReorder(frame, 2);
  expect(await simTree(host)).toEqual([
    ...DEMO.slice(0, 9),
    'col-archive',
    '-col-archive-2024',
    'col-press',
    'col-late',
  ]);
  expect(await reorderRequests(host)).toEqual([
    [
      { id: 'col-archive', position: 3, parent: null },
      { id: 'col-press', position: 4, parent: null },
    ],
  ]);
});

test('stale tree: Stop closes without sending anything', async ({ host }) => {
  const frame = await openReorder(host);
  await frame.getByRole('button', { name: 'Move Archive up' }).click();
  await simAddCollection(host, { id: 'col-late', label: 'Late arrival', parent: 'col-products' });
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByTestId('reorder-conflict').getByRole('button', { name: 'Stop' }).click();
  await expect(host.modal()).toHaveCount(0);
  expect(await reorderRequests(host)).toEqual([]);
  expect((await simTree(host)).filter((id) => id !== '-col-late')).toEqual(DEMO);
});

test('a role without can_manage_upload_collections: disabled menu entry, and a clear message in an open modal', async ({
  host,
  page,
}) => {
  const frame = await openReorder(host);
  await page.getByTestId('role-switch').selectOption('editor');
  await expect(frame.getByTestId('reorder-no-permission')).toContainText(
    'Your role cannot manage upload collections',
  );
  await expect(frame.getByTestId('reorder-tree')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'reorder-7-no-permission');
  await frame.getByRole('button', { name: 'Close' }).click();
  await expect(host.modal()).toHaveCount(0);

  const items = await host.openMenu('media-actions');
  await expect(items.filter({ hasText: 'Reorder collections' })).toHaveText(
    'Reorder collections (your role cannot manage upload collections)',
  );
  await expect(items.filter({ hasText: 'Reorder collections' })).toBeDisabled();
  expect(await reorderRequests(host)).toEqual([]);
});

test('the server refuses the reorder (permission taken away after the preview): both collections fail with the reason, nothing moves; Retry failed applies them', async ({
  host,
}) => {
  const frame = await openReorder(host);
  await frame.getByRole('button', { name: 'Move Archive up' }).click();
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('reorder-preview-row')).toHaveCount(2);
  // The role loses the permission on the server between the preview and the run.
  await simPut(host, '/__sim/faults', {
    submitErrorRate: 1,
    serverError: { status: 403, code: 'INSUFFICIENT_PERMISSIONS', transient: false },
  });
  await frame.getByRole('button', { name: 'Reorder 2 collections' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('2 failed');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('0 succeeded');
  const rows = frame.getByTestId('bulk-report-row');
  await expect(rows).toHaveCount(2);
  for (const r of await rows.all()) await expect(r).toContainText('INSUFFICIENT_PERMISSIONS');
  expect(await simTree(host)).toEqual(DEMO);

  await simPut(host, '/__sim/faults', { submitErrorRate: 0 });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('retry failed');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  expect(await simTree(host)).toEqual([
    ...DEMO.slice(0, 9),
    'col-archive',
    '-col-archive-2024',
    'col-press',
  ]);
});

test("stale tree: a colleague's reorder of another group survives re-apply; only the user's 2 collections are sent", async ({
  host,
}) => {
  const frame = await openReorder(host);
  await frame.getByRole('button', { name: 'Move Archive up' }).click();

  // A colleague puts Social before Campaigns (inside Marketing) through the CMA meanwhile.
  const colleague = await fetch(`${host.urls.simUrl}/upload-collections/reorder`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sim-admin-token',
      'content-type': 'application/vnd.api+json',
      'x-api-version': '3',
    },
    body: JSON.stringify({
      data: [
        ['col-social', 1],
        ['col-campaigns', 2],
      ].map(([id, position]) => ({
        type: 'upload_collection',
        id,
        attributes: { position },
        relationships: { parent: { data: { type: 'upload_collection', id: 'col-marketing' } } },
      })),
    }),
  });
  expect(colleague.status).toBe(202);
  const colleagueTree = [
    'col-marketing',
    '-col-social',
    '-col-campaigns',
    '--col-campaigns-2025',
    '--col-campaigns-2026',
    ...DEMO.slice(5),
  ];
  await expect.poll(() => simTree(host)).toEqual(colleagueTree);

  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('reorder-conflict')).toContainText('2 collections moved');
  await reapplyAndReorder(frame, 2);
  expect(await simTree(host)).toEqual([
    ...colleagueTree.slice(0, 9),
    'col-archive',
    '-col-archive-2024',
    'col-press',
  ]);
  const mine = (await reorderRequests(host)).at(-1);
  expect(mine).toEqual([
    { id: 'col-archive', position: 3, parent: null },
    { id: 'col-press', position: 4, parent: null },
  ]);
});
