import { callFromFrame, expect, test } from './fixtures';
import { itemsById, openRecordAction, simPatchItem } from './records-helpers';

test('the record form renders the plugin item form sidebar panel', async ({ host, page }) => {
  await host.open('/media');
  await page.getByTestId('nav-collection').first().click();
  const row = page.getByTestId('collection-row').first();
  const itemId = await row.getAttribute('data-item-id');
  await row.getByRole('link').click();

  await expect(page.getByTestId('record-form')).toHaveAttribute('data-item-id', itemId!);
  const panel = page.getByTestId('item-sidebar-panel');
  await expect(panel).toHaveAttribute('data-panel-id', 'bulkJobs');
  await expect(panel.getByTestId('item-sidebar-panel-toggle')).toHaveText(/Bulk jobs/);
  const iframe = panel.locator('iframe');
  await expect(iframe).toHaveAttribute('data-mode', 'renderItemFormSidebarPanel');
  await expect(
    page
      .frameLocator('iframe[data-testid="item-sidebar-panel-frame"]')
      .getByTestId('jobs-panel-empty'),
  ).toBeVisible();

  // The declaration came from itemFormSidebarPanels(itemType) on the boot frame.
  const [declare] = await host.calls('itemFormSidebarPanels', 'host→plugin');
  expect(declare!.result).toEqual([{ id: 'bulkJobs', label: 'Bulk jobs', startOpen: true }]);
  // Self-resizing: the frame followed setHeight.
  await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeGreaterThan(10);
  expect(
    (await host.calls('setHeight')).some((e) => e.frame.startsWith('renderItemFormSidebarPanel#')),
  ).toBe(true);
});

test('the upload detail renders the plugin upload sidebar panel', async ({ host, page }) => {
  await host.open('/media');
  const card = page.getByTestId('media-card').first();
  const uploadId = await card.getAttribute('data-upload-id');
  await card.getByRole('link').click();

  await expect(page.getByTestId('upload-detail')).toHaveAttribute('data-upload-id', uploadId!);
  const panel = page.getByTestId('upload-sidebar-panel');
  await expect(panel).toHaveAttribute('data-panel-id', 'bulkJobs');
  await expect(panel.locator('iframe')).toHaveAttribute('data-mode', 'renderUploadSidebarPanel');
  await expect(
    page
      .frameLocator('iframe[data-testid="upload-sidebar-panel-frame"]')
      .getByTestId('jobs-panel-empty'),
  ).toBeVisible();
  const getSettings = (await host.calls('getSettings')).filter((e) =>
    e.frame.startsWith('renderUploadSidebarPanel#'),
  );
  expect(getSettings).toHaveLength(1);
});

test('the item form methods of a sidebar panel drive the record form', async ({ host, page }) => {
  await host.open('/media');
  await page.getByTestId('nav-collection').filter({ hasText: 'Article' }).click();
  await page.getByTestId('collection-row').first().getByRole('link').click();
  const iframe = page.locator('iframe[data-testid="item-sidebar-panel-frame"]');
  await expect(
    page
      .frameLocator('iframe[data-testid="item-sidebar-panel-frame"]')
      .getByTestId('jobs-panel-empty'),
  ).toBeVisible();
  const frame = (await (await iframe.elementHandle())!.contentFrame())!;
  const label = `renderItemFormSidebarPanel#${await iframe.getAttribute('data-frame-id')}`;
  const form = page.getByTestId('record-form');
  const title = form.getByLabel('Title');
  await expect(page.getByTestId('record-dirty')).toHaveCount(0);

  await callFromFrame(frame, 'setFieldValue', 'title', 'Renamed by the plugin');
  await expect(title).toHaveValue('Renamed by the plugin');
  await expect(page.getByTestId('record-dirty')).toBeVisible();
  // The panel was told: onChange with the new formValues.
  await expect
    .poll(async () => (await host.calls('onChange', 'host→plugin')).some((e) => e.frame === label))
    .toBe(true);

  await callFromFrame(frame, 'disableField', 'title', true);
  await expect(title).toBeDisabled();
  await callFromFrame(frame, 'toggleField', 'slug', false);
  await expect(form.getByLabel('Slug')).toHaveCount(0);
  await callFromFrame(frame, 'toggleField', 'slug', true);
  await expect(form.getByLabel('Slug')).toBeVisible();

  const item = (await callFromFrame(frame, 'formValuesToItem', { title: 'T' })) as {
    type: string;
    attributes: Record<string, unknown>;
  };
  expect(item).toMatchObject({ type: 'item', attributes: { title: 'T' } });
  expect(await callFromFrame(frame, 'itemToFormValues', item)).toEqual({ title: 'T' });

  await callFromFrame(frame, 'saveCurrentItem', true);
  await expect(page.getByTestId('record-dirty')).toHaveCount(0);
  await expect(host.toasts().filter({ hasText: 'Record saved' })).toBeVisible();
  // Every call went through the penpal bridge and was logged against the panel's frame.
  const methods = (await host.log())
    .filter((e) => e.frame === label && e.dir === 'plugin→host')
    .map((e) => e.method);
  expect(methods).toEqual(
    expect.arrayContaining(['setFieldValue', 'disableField', 'toggleField', 'saveCurrentItem']),
  );
});

test('the record form panel lists the runs that touched the record, and not the others', async ({
  host,
  page,
}) => {
  await simPatchItem(host, 'r00091', { status: 'draft' });
  const modal = await openRecordAction(host, 'it-article', ['r00091', 'r00092'], 'Bulk publish…');
  await modal.getByRole('button', { name: 'Next' }).click();
  await modal.getByRole('button', { name: 'Run on 2 records' }).click();
  await expect(modal.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  await page.getByTestId('modal-close').click();

  const panel = page.frameLocator('iframe[data-testid="item-sidebar-panel-frame"]');
  await host.go('/editor/item_types/it-article/items/r00091/edit');
  const touching = panel.getByTestId('jobs-touching');
  await expect(touching.getByRole('heading')).toHaveText('Runs that touched this record');
  await expect(touching.getByTestId('jobs-run')).toHaveCount(1);
  await expect(touching.getByTestId('jobs-run')).toContainText('Bulk publish');
  await expect(touching.getByTestId('jobs-run-outcome')).toHaveText('2 succeeded');
  expect((await itemsById(host)).get('r00091')!.status).toBe('published');

  await host.go('/editor/item_types/it-article/items/r00093/edit');
  await expect(touching).toContainText('None of the recent runs touched this record.');
  await expect(panel.getByTestId('jobs-recent').getByTestId('jobs-run')).toHaveCount(1);
});
