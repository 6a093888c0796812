import { expect, test } from './fixtures';

const RECORD_ACTIONS = [
  'Bulk publish…',
  'Bulk unpublish…',
  'Bulk delete…',
  'Move to workflow stage…',
];

test('the collection batch menu lists the record actions and opens the modal', async ({
  host,
  page,
}) => {
  await host.open('/media');
  const nav = page.getByTestId('nav-collection').first();
  const itemTypeId = await nav.getAttribute('data-item-type-id');
  await nav.click();
  await expect(page.getByTestId('collection')).toHaveAttribute('data-item-type-id', itemTypeId!);

  const rows = page.getByTestId('collection-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().getByTestId('collection-row-status')).toHaveText(
    /^(draft|updated|published)$/,
  );
  const ids: string[] = [];
  for (const i of [0, 1]) {
    await rows.nth(i).getByTestId('collection-row-checkbox').check();
    ids.push((await rows.nth(i).getAttribute('data-item-id'))!);
  }

  const items = await host.openMenu('collection-actions');
  await expect(items).toHaveText(RECORD_ACTIONS);
  // The menu was declared for this model: itemsDropdownActions(itemType) with {itemType}.
  const [declare] = (await host.calls('itemsDropdownActions', 'host→plugin')).slice(-1);
  expect((declare!.args[0] as { id: string }).id).toBe(itemTypeId);
  expect((declare!.args[1] as { itemType: { id: string } }).itemType.id).toBe(itemTypeId);

  await items.filter({ hasText: 'Bulk publish…' }).click();
  await expect(page.getByTestId('modal-title')).toHaveText('Bulk publish');
  await expect(host.modalFrame().getByTestId('bulk-scope-count')).toHaveText('2 records selected');

  const [execute] = await host.calls('executeItemsDropdownAction', 'host→plugin');
  const [actionId, records] = execute!.args as [
    string,
    Array<{ id: string; type: string; relationships: { item_type: { data: { id: string } } } }>,
  ];
  expect(actionId).toBe('items.publish');
  expect(records.map((r) => r.id)).toEqual(ids);
  expect(records.every((r) => r.type === 'item')).toBe(true);
  expect(records[0]!.relationships.item_type.data.id).toBe(itemTypeId);
  const [open] = await host.calls('openModal');
  expect(open!.args[0]).toMatchObject({ parameters: { ids, itemTypeId } });

  await page.getByTestId('modal-close').click();
  await expect(host.modal()).toHaveCount(0);
});
