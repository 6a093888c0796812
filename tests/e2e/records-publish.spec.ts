import { expect, test } from './fixtures';
import { expectAccessible, fastTimingFor, screenshot } from './media-helpers';
import {
  expectOthersUnchanged,
  itemsById,
  openRecordAction,
  simPatchItem,
  simSeedItems,
} from './records-helpers';

// Articles r00091–r00098; r00098 has an empty title (invalid); none of them is locked.
const ARTICLES = ['r00091', 'r00092', 'r00093', 'r00094', 'r00095', 'r00096', 'r00097'];
const INVALID = 'r00098';

fastTimingFor(test);

test('Bulk publish: valid drafts are published, the invalid one fails with its reason, then Retry failed publishes it once fixed', async ({
  host,
  page,
}) => {
  for (const id of [...ARTICLES, INVALID]) await simPatchItem(host, id, { status: 'draft' });
  const before = await itemsById(host);
  expect(before.get(INVALID)!.is_valid).toBe(false);
  const selected = [...ARTICLES, INVALID];
  const frame = await openRecordAction(host, 'it-article', selected, 'Bulk publish…');

  await expect(frame.getByTestId('bulk-scope-count')).toHaveText('8 records selected');
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('7 will change');
  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('1 blocked');
  await expect(frame.getByTestId('bulk-send-anyway')).toContainText(
    '1 record with an invalid draft is sent anyway',
  );
  const invalidRow = frame.locator(`[data-testid="bulk-preview-row"][data-id="${INVALID}"]`);
  await expect(invalidRow).toHaveAttribute('data-outcome', 'blocked');
  await expect(invalidRow).toContainText('does not pass validation');
  await expectAccessible(page);
  await screenshot(page, 'records-1-preview-publish');
  await frame.getByRole('button', { name: 'Run on 8 records' }).click();

  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('7 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('1 failed');
  const rows = frame.getByTestId('bulk-report-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-id', INVALID);
  await expect(rows).toHaveAttribute('data-state', 'failed');
  await expect(rows).toContainText('INVALID_DRAFT');
  await expect(rows).toContainText(/validation/);
  await expectAccessible(page);
  await screenshot(page, 'records-2-report-invalid');

  let after = await itemsById(host);
  for (const id of ARTICLES) expect(after.get(id)!.status).toBe('published');
  expect(after.get(INVALID)!.status).toBe('draft');
  expectOthersUnchanged(before, after, ARTICLES);

  await simPatchItem(host, INVALID, { attributes: { title: 'Fixed' } });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('retry failed');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('0 failed');
  after = await itemsById(host);
  for (const id of selected) expect(after.get(id)!.status).toBe('published');
  expectOthersUnchanged(before, after, selected);
});

test('Bulk publish then Undo: the drafts go back to draft, the already published one is untouched', async ({
  host,
}) => {
  const drafts = ARTICLES.slice(0, 3);
  const published = ARTICLES[3]!;
  for (const id of drafts) await simPatchItem(host, id, { status: 'draft' });
  await simPatchItem(host, published, { status: 'published' });
  const before = await itemsById(host);
  const frame = await openRecordAction(host, 'it-article', [...drafts, published], 'Bulk publish…');
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('3 will change');
  await expect(frame.getByTestId('bulk-preview-noop')).toHaveText('1 no change');
  await expect(
    frame.locator(`[data-testid="bulk-preview-row"][data-id="${published}"]`),
  ).toContainText('Already published.');
  await frame.getByRole('button', { name: 'Run on 4 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('4 succeeded');
  let after = await itemsById(host);
  for (const id of [...drafts, published]) expect(after.get(id)!.status).toBe('published');

  await expect(frame.getByTestId('bulk-undo-note')).toContainText('cannot be restored');
  await frame.getByRole('button', { name: 'Undo' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('Undo bulk publish');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');
  after = await itemsById(host);
  for (const id of drafts) expect(after.get(id)!.status).toBe('draft');
  expect(after.get(published)!.status).toBe('published');
  expectOthersUnchanged(before, after, []);
});

test('Bulk publish with linked records: a draft category under a draft parent comes with that parent, parents first', async ({
  host,
}) => {
  const [parent] = await simSeedItems(host, {
    item_type: 'category',
    count: 1,
    status: 'draft',
    attributes: { name: 'Linked parent' },
  });
  const [leaf] = await simSeedItems(host, {
    item_type: 'category',
    count: 1,
    status: 'draft',
    attributes: { name: 'Linked leaf', parent_id: parent },
  });
  const article = ARTICLES[4]!;
  await simPatchItem(host, article, { status: 'draft', attributes: { category: leaf } });
  const before = await itemsById(host);
  const frame = await openRecordAction(host, 'it-article', [article], 'Bulk publish…');
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(
    frame.locator(`[data-testid="bulk-preview-row"][data-id="${article}"]`),
  ).toContainText('Links to 1 record that is not published (“Linked leaf”)');
  const include = frame.getByTestId('bulk-include-links');
  await expect(include).toContainText(
    'Also publish the 1 linked record that is not published, with their 1 unpublished parent record',
  );
  await include.getByRole('checkbox').check();
  await frame.getByRole('button', { name: 'Run on 3 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('0 failed');

  const after = await itemsById(host);
  for (const id of [parent!, leaf!, article]) expect(after.get(id)!.status).toBe('published');
  expectOthersUnchanged(before, after, [parent!, leaf!, article]);
  // Parents first: the API refuses a child whose parent is still a draft.
  const sent = (await host.simLog())
    .filter((e) => e.method === 'POST' && e.path === '/items/bulk/publish')
    .flatMap((e) =>
      (
        e.body as { data: { relationships: { items: { data: { id: string }[] } } } }
      ).data.relationships.items.data.map((d) => d.id),
    );
  expect(sent.indexOf(parent!)).toBeLessThan(sent.indexOf(leaf!));
});

test('Bulk unpublish: the selected published records become drafts, a draft is a no-op', async ({
  host,
  page,
}) => {
  const published = ARTICLES.slice(0, 3);
  const draft = ARTICLES[3]!;
  for (const id of published) await simPatchItem(host, id, { status: 'published' });
  await simPatchItem(host, draft, { status: 'draft' });
  const before = await itemsById(host);
  const frame = await openRecordAction(
    host,
    'it-article',
    [...published, draft],
    'Bulk unpublish…',
  );
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('3 will change');
  await expect(frame.getByTestId('bulk-preview-noop')).toHaveText('1 no change');
  await screenshot(page, 'records-7-unpublish-preview');
  await frame.getByRole('button', { name: 'Run on 4 records' }).click();
  // The draft is sent too: the API answers "already in the target state" with a success.
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('4 succeeded');
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('0 failed');
  await screenshot(page, 'records-8-unpublish-report');
  const after = await itemsById(host);
  for (const id of [...published, draft]) expect(after.get(id)!.status).toBe('draft');
  expectOthersUnchanged(before, after, published);
});

test('a model without draft/published gets a message instead of a run', async ({ host }) => {
  const state = await itemsById(host);
  const pages = [...state.values()].filter((i) => i.item_type === 'page').slice(0, 2);
  expect(pages).toHaveLength(2);
  const frame = await openRecordAction(
    host,
    'it-page',
    pages.map((p) => p.id),
    'Bulk publish…',
  );
  await expect(frame.getByTestId('bulk-model-refusal')).toContainText('no draft/published states');
  await expect(frame.getByTestId('bulk-scope-count')).toHaveText('2 records selected');
  await expect(frame.getByRole('button', { name: 'Next' })).toHaveCount(0);
  const after = await itemsById(host);
  for (const p of pages) expect(after.get(p.id)!.status).toBeNull();
});
