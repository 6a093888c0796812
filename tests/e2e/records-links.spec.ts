/**
 * Delete and unpublish in a project where blocks link to the model (docs/simulator.md, demo data
 * "Added for blocks, locales and link strategies"): the preview works, names the linking records
 * and fields, and predicts what each field's strategy does; the simulator's state agrees.
 */
import { expect, test, type HostPage } from './fixtures';
import { expectAccessible, fastTimingFor, screenshot } from './media-helpers';
import {
  expectOthersUnchanged,
  itemsById,
  openModelAction,
  openRecordAction,
  row,
} from './records-helpers';

fastTimingFor(test);

type StateItem = { id: string; status: string | null; links: string[]; published_links: string[] };

async function state(host: HostPage): Promise<Map<string, StateItem>> {
  const r = await fetch(`${host.urls.simUrl}/__sim/state?include=items`);
  const body = (await r.json()) as { items: StateItem[] };
  return new Map(body.items.map((i) => [i.id, i]));
}

const pages = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `r0${1623 + from + i}`);

test('Bulk delete of authors linked from blocks: fields set to fail block with the records named; the rest is deleted', async ({
  host,
  page,
}) => {
  const before = await state(host);
  // Guest author 1: hero blocks of pages 1–4 (fail); 2: sponsors of pages 5–8 (fail); 3: nothing.
  const [guest1, guest2, guest3] = ['r01611', 'r01612', 'r01613'] as const;
  const frame = await openRecordAction(host, 'it-author', [guest1, guest2, guest3], 'Bulk delete…');
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('2 blocked');
  await expect(row(frame, 'preview', guest1)).toContainText(
    'Linked from 4 records outside this selection (“Landing page 1”, “Landing page 2” and 2 more) in “Hero › Author”, which refuses deleting linked records.',
  );
  await expect(row(frame, 'preview', guest2)).toContainText(
    'in “Landing page › Sponsors”, which refuses deleting linked records.',
  );
  await expect(row(frame, 'preview', guest3)).toHaveAttribute('data-outcome', 'change');
  await expectAccessible(page);
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByTestId('bulk-confirm-phrase').fill('delete 1 record');
  await frame.getByRole('button', { name: 'Delete 1 record' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');

  const after = await state(host);
  expect(after.has(guest3)).toBe(false);
  expect(after.has(guest1) && after.has(guest2)).toBe(true);
  // The blocked authors' links are untouched.
  for (const id of pages(1, 4)) expect(after.get(id)!.links).toContain(guest1);
  for (const id of pages(5, 8)) expect(after.get(id)!.links).toContain(guest2);
  // The references were found without field filters on block models.
  const reads = (await host.simLog()).filter((e) => e.method === 'GET' && e.path === '/items');
  for (const e of reads) {
    const filter = (e.query.filter ?? {}) as { type?: string; fields?: unknown };
    if (filter.fields)
      expect(['it-hero-block', 'it-related-block', 'it-cta-block']).not.toContain(filter.type);
  }
  expect(before.size - after.size).toBe(1);
});

test('Bulk delete of products: a required link blocks, a link set to delete_references is removed from the linking records', async ({
  host,
  page,
}) => {
  // Featured product 1 (r01620): landing_page.featured of the even pages (delete_references).
  // Promoted product 3 (r01622): cta_block.target, required, of the even pages.
  const featured = 'r01620';
  const promoted = 'r01622';
  const frame = await openModelAction(host, 'it-product', 'Bulk delete…');
  await frame.getByRole('radio', { name: 'All records of Product matching a filter' }).check();
  await frame.getByLabel('Field', { exact: true }).selectOption('name');
  await frame.getByLabel('Name', { exact: true }).selectOption({ label: 'is one of' });
  await frame
    .getByLabel('Name values, separated by commas')
    .fill('Featured product 1, Promoted product 3');
  await frame.getByRole('button', { name: 'Count matching records' }).click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('2 records match.');
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('1 blocked');
  await expect(row(frame, 'preview', promoted)).toContainText(
    'in the required field “Call to action › Target product”: removing the link would leave it empty, so DatoCMS refuses.',
  );
  const evenPages = pages(1, 12).filter((_, i) => i % 2 === 1);
  await expect(frame.getByTestId('bulk-side-effect-remove_links')).toHaveText(
    'Links in 6 records will be removed from the field “Landing page › Featured product”: “Landing page 2”, “Landing page 4”, “Landing page 6” and 3 more.',
  );
  await expect(row(frame, 'preview', featured)).toContainText('Its links in');
  await expectAccessible(page);
  await screenshot(page, 'records-6-preview-link-strategies');
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByTestId('bulk-confirm-phrase').fill('delete 1 record');
  await frame.getByRole('button', { name: 'Delete 1 record' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');

  const after = await state(host);
  expect(after.has(featured)).toBe(false);
  expect(after.has(promoted)).toBe(true);
  for (const id of evenPages) {
    expect(after.get(id)!.links).not.toContain(featured);
    expect(after.get(id)!.links).toContain(promoted);
  }
});

test('Bulk unpublish of authors: a field set to unpublish takes the linking pages offline too, one set to delete_references loses the link', async ({
  host,
  page,
}) => {
  const before = await itemsById(host);
  const [guest1, guest2, guest3] = ['r01611', 'r01612', 'r01613'] as const;
  const frame = await openRecordAction(
    host,
    'it-author',
    [guest1, guest2, guest3],
    'Bulk unpublish…',
  );
  await frame.getByRole('button', { name: 'Next' }).click();

  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText('0 blocked');
  await expect(frame.getByTestId('bulk-side-effect-unpublish')).toHaveText(
    '4 linking records will be unpublished too, as the field “Hero › Author” asks: “Landing page 1”, “Landing page 2”, “Landing page 3” and 1 more.',
  );
  await expect(frame.getByTestId('bulk-side-effect-remove_links')).toHaveText(
    'Links in 4 records will be removed from the field “Landing page › Sponsors”: “Landing page 5”, “Landing page 6”, “Landing page 7” and 1 more.',
  );
  await expect(row(frame, 'preview', guest1)).toContainText(
    '“Landing page 1” is unpublished too (“Hero › Author”).',
  );
  await expectAccessible(page);
  await frame.getByRole('button', { name: 'Run on 3 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');

  const after = await state(host);
  for (const id of [guest1, guest2, guest3]) expect(after.get(id)!.status).toBe('draft');
  for (const id of pages(1, 4)) expect(after.get(id)!.status, id).toBe('draft');
  for (const id of pages(5, 8)) {
    expect(after.get(id)!.status, id).toBe('published');
    expect(after.get(id)!.published_links).not.toContain(guest2);
  }
  const unchanged = new Map([...before].filter(([id]) => !pages(1, 4).includes(id)));
  const afterItems = await itemsById(host);
  expectOthersUnchanged(unchanged, new Map([...afterItems].filter(([id]) => unchanged.has(id))), [
    guest1,
    guest2,
    guest3,
  ]);
});

test('A slug condition offers only the operators slugs take; a localized field is matched in the chosen locale', async ({
  host,
  page,
}) => {
  const before = await itemsById(host);
  const [page11, page12] = ['r01634', 'r01635'];
  expect([before.get(page11)!.status, before.get(page12)!.status]).toEqual(['draft', 'draft']);
  const frame = await openRecordAction(host, 'it-landing-page', [page12], 'Bulk publish…');
  await frame.getByRole('radio', { name: 'All records of Landing page matching a filter' }).check();
  await frame.getByLabel('Field', { exact: true }).selectOption('slug');
  // itemInstancesHrefSchema: SlugHrefFilter is eq, neq, in, not_in.
  await expect(frame.getByLabel('Slug', { exact: true }).locator('option')).toHaveText([
    'is',
    'is not',
    'is one of',
    'is none of',
  ]);
  await frame.getByLabel('Slug', { exact: true }).selectOption({ label: 'is one of' });
  await frame
    .getByLabel('Slug values, separated by commas')
    .fill('landing-page-11, landing-page-12, landing-page-1');
  const count = frame.getByRole('button', { name: 'Count matching records' });
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('3 records match.');

  // The title is localized: matched in the main locale unless another is chosen.
  await frame.getByRole('button', { name: 'Add a field condition' }).click();
  await frame.getByLabel('Field 2').selectOption('title');
  await expect(frame.getByLabel('Title', { exact: true }).locator('option')).not.toContainText([
    'is filled in (deprecated)',
  ]);
  await frame.getByLabel('Title value').fill('accueil 1');
  await count.click();
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('0 records match.');
  await frame.getByLabel('Match text and localized fields in').selectOption('fr');
  await count.click();
  // “Page d’accueil 1”, “… 11” and “… 12” contain “accueil 1”.
  await expect(frame.getByTestId('bulk-match-count')).toHaveText('3 records match.');
  await expectAccessible(page);
  await screenshot(page, 'records-0d-scope-slug-locale');
  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-noop')).toHaveText('1 no change');
  await frame.getByRole('button', { name: 'Run on 3 records' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('3 succeeded');

  const after = await itemsById(host);
  expect(after.get(page11)!.status).toBe('published');
  expect(after.get(page12)!.status).toBe('published');
  expectOthersUnchanged(before, after, [page11, page12]);
  // The locale went as GET /items' own parameter, the slug list as `in`.
  const reads = (await host.simLog()).filter(
    (e) => e.method === 'GET' && e.path === '/items' && e.query.locale === 'fr',
  );
  expect(reads.length).toBeGreaterThan(0);
  const filter = reads[0]!.query.filter as { fields: { slug: { in: string[] } } };
  expect(filter.fields.slug.in).toEqual(['landing-page-11', 'landing-page-12', 'landing-page-1']);
});
