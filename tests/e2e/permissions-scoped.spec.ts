/**
 * Role rules scoped to part of the content (RawApiTypes role rule types; docs/simulator.md, demo
 * role "Media librarian": everything on assets except delete in the Archive collection, which
 * covers the collections inside it too). The menu stays enabled; the preview blocks only the
 * assets the rule covers, and the simulator's state agrees.
 */
import { expect, test, type HostPage } from './fixtures';
import { expectAccessible, fastTimingFor, uploadsById } from './media-helpers';

fastTimingFor(test);

async function seedUploads(host: HostPage, body: object): Promise<string[]> {
  const r = await fetch(`${host.urls.simUrl}/__sim/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`POST /__sim/uploads answered ${r.status}: ${await r.text()}`);
  return ((await r.json()) as { ids: string[] }).ids;
}

test('a negative delete rule scoped to one collection blocks only the assets in it (and inside it)', async ({
  host,
  page,
}) => {
  const seed = (upload_collection: string | null, count: number) =>
    seedUploads(host, { count, kind: 'image', basename: 'scoped-rule', upload_collection });
  const archived = [...(await seed('col-archive', 2)), ...(await seed('col-archive-2024', 1))];
  const free = [...(await seed('col-press', 2)), ...(await seed(null, 1))];

  await host.open('/media');
  // The host's role switch lists every role the simulator has a token for.
  const option = page.getByTestId('role-switch').locator('option', { hasText: 'Media librarian' });
  await expect(option).toHaveCount(1);
  const librarian = await option.getAttribute('value');
  await page.getByTestId('role-switch').selectOption(librarian!);
  await host.selectAssets(1);
  const items = await host.openMenu('media-actions');
  const destroy = items.filter({ hasText: 'Delete assets' });
  // Some assets can be deleted: the entry stays enabled.
  await expect(destroy).toHaveText('Delete assets…');
  await expect(destroy).toBeEnabled();
  await destroy.click();
  const frame = host.modalFrame();
  await frame.getByRole('radio', { name: 'All assets matching a filter' }).check();
  await frame.getByLabel('Text (filename, title, alt, notes)').fill('scoped-rule');
  await frame.getByRole('button', { name: 'Count matching assets' }).click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('6 assets match.');
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('3 blocked');
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('3 will change');
  for (const id of archived) {
    const row = frame.locator(`[data-testid="bulk-preview-row"][data-id="${id}"]`);
    await expect(row).toHaveAttribute('data-outcome', 'blocked');
    await expect(row).toContainText(
      'Your role may not delete assets in the collection “Archive” (or one inside it).',
    );
  }
  for (const id of free)
    await expect(
      frame.locator(`[data-testid="bulk-preview-row"][data-id="${id}"]`),
    ).toHaveAttribute('data-outcome', 'change');
  await expectAccessible(page);
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByLabel(/Type delete/).fill('delete 3 assets');
  await frame.getByRole('button', { name: 'Delete 3 assets' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');

  const after = await uploadsById(host);
  for (const id of free) expect(after.has(id), id).toBe(false);
  for (const id of archived) expect(after.has(id), id).toBe(true);
  // Only the allowed assets were sent, with the librarian's token.
  const destroys = (await host.simLog()).filter(
    (e) => e.method === 'POST' && e.path === '/uploads/bulk/destroy',
  );
  const sent = destroys.flatMap((e) =>
    (
      e.body as { data: { relationships: { uploads: { data: { id: string }[] } } } }
    ).data.relationships.uploads.data.map((u) => u.id),
  );
  expect(sent.sort()).toEqual([...free].sort());
  for (const e of destroys) expect(e.role).toBe('Media librarian');
});
