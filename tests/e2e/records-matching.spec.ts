import { expect, test } from './fixtures';
import { expectAccessible, fastTimingFor, screenshot } from './media-helpers';
import {
  expectOthersUnchanged,
  itemsById,
  openRecordAction,
  recordIdsByName,
  row,
  simPatchItem,
  simReindex,
  simSeedItems,
} from './records-helpers';

fastTimingFor(test);

test('Bulk publish of 1,500 drafts matching a filter: unpublished parents added on request, invalid drafts fail with their field, Retry failed publishes them once fixed', async ({
  host,
  page,
}) => {
  test.setTimeout(120_000);
  const categories = await recordIdsByName(host, 'it-category', 'name');
  // Section 5 and its children are drafts: a record under Section 5.1 cannot be published alone.
  const section5 = categories.get('Section 5')!;
  const section51 = categories.get('Section 5.1')!;
  const section52 = categories.get('Section 5.2')!;
  const valid = await simSeedItems(host, {
    item_type: 'it-category',
    count: 1440,
    status: 'draft',
    attributes: { name: 'Batch item', slug: 'batch-item', parent_id: null },
  });
  const children = await simSeedItems(host, {
    item_type: 'it-category',
    count: 30,
    status: 'draft',
    attributes: { name: 'Batch child', slug: 'batch-child', parent_id: section51 },
  });
  // The required name is empty: INVALID_DRAFT, with the field named.
  const invalid = await simSeedItems(host, {
    item_type: 'it-category',
    count: 30,
    status: 'draft',
    attributes: { name: '', slug: 'batch-invalid', parent_id: null },
  });
  const before = await itemsById(host);
  expect(before.get(section5)!.status).toBe('draft');
  // Just written: text search does not see them yet.
  const early = await openRecordAction(host, 'it-category', [section52], 'Bulk publish…');
  await early.getByRole('radio', { name: 'All records of Category matching a filter' }).check();
  await early.getByLabel('Text (searched in the text fields)').fill('batch');
  await expect(early.getByTestId('bulk-scope-query-lag')).toContainText(
    'records created or changed in the last half minute may be missing',
  );
  await early.getByRole('button', { name: 'Count matching records' }).click();
  await expect(early.getByTestId('bulk-match-count')).toHaveText('0 records match.');
  await host.page.getByTestId('modal-close').click();
  await simReindex(host);

  expect(before.get(section51)!.status).toBe('draft');

  const frame = await openRecordAction(host, 'it-category', [section52], 'Bulk publish…');
  await frame.getByRole('radio', { name: 'All records of Category matching a filter' }).check();
  await frame.getByLabel('Status').selectOption('draft');
  await frame.getByLabel('Text (searched in the text fields)').fill('batch');
  await frame.getByRole('button', { name: 'Count matching records' }).click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('1,500 records match.');
  await expectAccessible(page);
  await screenshot(page, 'records-0-scope-matching');
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('1440 will change');
  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('60 blocked');
  await expect(frame.getByTestId('bulk-left-out')).toContainText('30 blocked records are left out');
  await expect(frame.getByTestId('bulk-send-anyway')).toContainText(
    '30 records with an invalid draft',
  );
  await expect(frame.getByTestId('bulk-include-parents')).toContainText(
    'Also publish the 2 unpublished parent records',
  );
  await expect(row(frame, 'preview', invalid[0]!)).toContainText('does not pass validation');
  await frame.getByTestId('bulk-include-parents').getByRole('checkbox').check();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText('1472 will change');
  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('30 blocked');
  await expectAccessible(page);
  await screenshot(page, 'records-1-preview-parents');
  const seqBefore = Math.max(0, ...(await host.simLog()).map((e) => e.seq));
  await frame.getByRole('button', { name: 'Run on 1502 records' }).click();

  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1472 succeeded', {
    timeout: 60_000,
  });
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('30 failed');
  // One bulk job per ≤200 records: 1,502 records → 8 jobs.
  const submits = (await host.simLog()).filter(
    (e) => e.seq > seqBefore && e.method === 'POST' && e.path === '/items/bulk/publish',
  );
  expect(submits).toHaveLength(8);
  const failed = row(frame, 'report', invalid[0]!);
  await expect(failed).toContainText('INVALID_DRAFT');
  await expect(failed).toContainText('field “name”');

  let after = await itemsById(host);
  for (const id of [...valid, ...children, section5, section51])
    expect(after.get(id)!.status, id).toBe('published');
  for (const id of invalid) expect(after.get(id)!.status, id).toBe('draft');
  expectOthersUnchanged(before, after, [...valid, ...children, section5, section51]);

  for (const id of invalid) await simPatchItem(host, id, { attributes: { name: 'Fixed' } });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-step-report')).toContainText('retry failed');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('30 succeeded');
  after = await itemsById(host);
  for (const id of invalid) expect(after.get(id)!.status, id).toBe('published');
  expectOthersUnchanged(before, after, [...valid, ...children, ...invalid, section5, section51]);
});

test('Without the parents, records under an unpublished parent are left out with the reason', async ({
  host,
}) => {
  const categories = await recordIdsByName(host, 'it-category', 'name');
  const section51 = categories.get('Section 5.1')!;
  const leaves = [categories.get('Section 5.1.1')!, categories.get('Section 5.1.2')!];
  const before = await itemsById(host);
  const frame = await openRecordAction(host, 'it-category', leaves, 'Bulk publish…');
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('2 blocked');
  await expect(row(frame, 'preview', leaves[0]!)).toContainText(
    'Its parent “Section 5.1” is not published',
  );
  await expect(frame.getByTestId('bulk-include-parents')).toContainText(
    'Also publish the 2 unpublished parent records',
  );
  await expect(frame.getByRole('button', { name: /^Run on/ })).toBeDisabled();
  expect((await itemsById(host)).get(section51)!.status).toBe('draft');
  expectOthersUnchanged(before, await itemsById(host), []);
});

test('Two field conditions must both hold: only the matching records are published', async ({
  host,
  page,
}) => {
  const keep = await simSeedItems(host, {
    item_type: 'it-author',
    count: 3,
    status: 'draft',
    attributes: { name: 'Twofold author', bio: 'Stays a draft' },
  });
  const publish = await simSeedItems(host, {
    item_type: 'it-author',
    count: 2,
    status: 'draft',
    attributes: { name: 'Twofold author', bio: 'Ready to go' },
  });
  const before = await itemsById(host);
  const anyAuthor = [...before.values()].find((i) => i.item_type === 'author')!.id;
  const frame = await openRecordAction(host, 'it-author', [anyAuthor], 'Bulk publish…');
  await frame.getByRole('radio', { name: 'All records of Author matching a filter' }).check();
  await frame.getByLabel('Field', { exact: true }).selectOption('name');
  await frame.getByLabel('Name value').fill('twofold');
  const count = frame.getByRole('button', { name: 'Count matching records' });
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('5 records match.');

  await frame.getByRole('button', { name: 'Add a field condition' }).click();
  // Name is taken by the first condition: the second offers the other fields only.
  await expect(frame.getByLabel('Field 2').locator('option[value="name"]')).toHaveCount(0);
  await frame.getByLabel('Field 2').selectOption('bio');
  await expect(frame.getByTestId('bulk-match-count')).toContainText('Give each field condition');
  await frame.getByLabel('Bio value').fill('ready');
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('2 records match.');
  await expectAccessible(page);
  await screenshot(page, 'records-0b-scope-two-conditions');

  // Removing the second condition widens the scope again; adding it back narrows it.
  await frame.getByRole('button', { name: 'Remove the condition on Bio' }).click();
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('5 records match.');
  await frame.getByRole('button', { name: 'Add a field condition' }).click();
  await frame.getByLabel('Field 2').selectOption('bio');
  await frame.getByLabel('Bio value').fill('ready');
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('2 records match.');

  await frame.getByRole('button', { name: 'Next' }).click();
  await frame.getByRole('button', { name: 'Run on 2 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const after = await itemsById(host);
  for (const id of publish) expect(after.get(id)!.status).toBe('published');
  for (const id of keep) expect(after.get(id)!.status).toBe('draft');
  expectOthersUnchanged(before, after, publish);
});

test('A link-field condition picks the linked record by searching its title, not by typing an id', async ({
  host,
  page,
}) => {
  const [picked] = await simSeedItems(host, {
    item_type: 'it-author',
    count: 1,
    status: 'published',
    attributes: { name: 'Pickable Writer' },
  });
  const theirs = ['r00091', 'r00092'];
  for (const id of theirs)
    await simPatchItem(host, id, { status: 'draft', attributes: { author: picked } });
  // The new author reaches the search index (DatoCMS's lags writes by about 30 s).
  await simReindex(host);
  const before = await itemsById(host);
  const frame = await openRecordAction(host, 'it-article', ['r00093'], 'Bulk publish…');
  await frame.getByRole('radio', { name: 'All records of Article matching a filter' }).check();
  await frame.getByLabel('Field', { exact: true }).selectOption('author');
  await frame.getByLabel('Find Author records').fill('pickable');
  const value = frame.getByLabel('Author value');
  // Only the author whose name matches is offered, by name.
  await expect(value.locator('option')).toHaveText(['Choose a record…', 'Pickable Writer']);
  await expectAccessible(page);
  await screenshot(page, 'records-0c-scope-link-picker');
  await value.selectOption({ label: 'Pickable Writer' });
  await frame.getByRole('button', { name: 'Count matching records' }).click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('2 records match.');
  await frame.getByRole('button', { name: 'Next' }).click();
  await frame.getByRole('button', { name: 'Run on 2 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  const after = await itemsById(host);
  for (const id of theirs) expect(after.get(id)!.status).toBe('published');
  expectOthersUnchanged(before, after, theirs);
});
