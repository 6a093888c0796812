import type { FrameLocator, Locator } from '@playwright/test';
import { expect, type HostPage } from './fixtures';

export type SimItem = {
  id: string;
  item_type: string;
  status: 'draft' | 'updated' | 'published' | null;
  stage: string | null;
  is_valid: boolean;
  parent_id: string | null;
};

export async function itemsById(host: HostPage): Promise<Map<string, SimItem>> {
  const r = await fetch(`${host.urls.simUrl}/__sim/state?include=items`);
  const body = (await r.json()) as { items: SimItem[] };
  return new Map(body.items.map((i) => [i.id, i]));
}

export async function simPatchItem(host: HostPage, id: string, body: unknown): Promise<void> {
  const r = await fetch(`${host.urls.simUrl}/__sim/items/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`PATCH /__sim/items/${id} answered ${r.status}`);
}

/** Creates `count` records of a model through the simulator's seeding endpoint. */
export async function simSeedItems(
  host: HostPage,
  body: { item_type: string; count: number; status?: string; stage?: string; attributes?: object },
): Promise<string[]> {
  const r = await fetch(`${host.urls.simUrl}/__sim/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`POST /__sim/items answered ${r.status}: ${await r.text()}`);
  return ((await r.json()) as { ids: string[] }).ids;
}

/** Record ids by their name/title, read through the CMA as an admin. */
export async function recordIdsByName(
  host: HostPage,
  itemType: string,
  field: string,
): Promise<Map<string, string>> {
  const url = new URL(`${host.urls.simUrl}/items`);
  url.searchParams.set('filter[type]', itemType);
  url.searchParams.set('page[limit]', '500');
  const r = await fetch(url, { headers: { authorization: 'Bearer sim-admin-token' } });
  const body = (await r.json()) as { data: { id: string; attributes: Record<string, unknown> }[] };
  return new Map(body.data.map((e) => [String(e.attributes[field]), e.id]));
}

/** Opens a model's collection and checks the rows of `ids`; returns the batch menu's items. */
export async function selectRecords(
  host: HostPage,
  itemTypeId: string,
  ids: readonly string[],
): Promise<Locator> {
  await host.open(`/editor/item_types/${itemTypeId}/items`);
  // Seeded records can sit beyond the first page of 25.
  await host.page.getByTestId('collection-pagination-size').selectOption('100');
  await expect(host.page.getByTestId('collection-row').first()).toBeVisible();
  for (const id of ids)
    await host.page
      .locator(`[data-testid="collection-row"][data-item-id="${id}"]`)
      .getByTestId('collection-row-checkbox')
      .check();
  return host.openMenu('collection-actions');
}

/** Opens a model's collection, checks the rows of `ids` and opens a record action's modal. */
export async function openRecordAction(
  host: HostPage,
  itemTypeId: string,
  ids: readonly string[],
  label: string,
): Promise<FrameLocator> {
  const items = await selectRecords(host, itemTypeId, ids);
  await items.filter({ hasText: label }).click();
  return host.modalFrame();
}

/** Every record not in `changed` has the status (and stage) it had before. */
export function expectOthersUnchanged(
  before: Map<string, SimItem>,
  after: Map<string, SimItem>,
  changed: readonly string[],
): void {
  const skip = new Set(changed);
  const moved = [...before.values()]
    .filter(
      (i) =>
        !skip.has(i.id) &&
        (after.get(i.id)?.status !== i.status || after.get(i.id)?.stage !== i.stage),
    )
    .map((i) => i.id);
  expect(moved).toEqual([]);
}

export function row(frame: FrameLocator, kind: 'preview' | 'report', id: string) {
  return frame.locator(`[data-testid="bulk-${kind}-row"][data-id="${id}"]`);
}

/**
 * Opens a model's collection, checks its first listed row and opens a record action's modal: for
 * tests that go on to "all records matching", whichever record opens the menu.
 */
export async function openModelAction(
  host: HostPage,
  itemTypeId: string,
  label: string,
): Promise<FrameLocator> {
  await host.open(`/editor/item_types/${itemTypeId}/items`);
  const first = host.page.getByTestId('collection-row').first();
  await first.getByTestId('collection-row-checkbox').check();
  const items = await host.openMenu('collection-actions');
  await items.filter({ hasText: label }).click();
  return host.modalFrame();
}

/**
 * Lets the simulator's text-search index catch up with recent writes (DatoCMS's lags about 30 s,
 * docs/simulator.md "Ordering and search"): stands for waiting, without waiting.
 */
export async function simReindex(host: HostPage): Promise<void> {
  const r = await fetch(`${host.urls.simUrl}/__sim/search/reindex`, { method: 'POST' });
  if (!r.ok) throw new Error(`POST /__sim/search/reindex answered ${r.status}`);
}
