import { expect, test } from './fixtures';
import { mediaAreaLabels } from './menuLabels';

const UPLOAD_ACTIONS = mediaAreaLabels();

test('the Media Area batch menu lists the plugin actions', async ({ host, page }) => {
  await host.open('/media');
  await expect(host.menuButton('media-actions')).toBeDisabled();
  await host.selectAssets(1);
  const items = await host.openMenu('media-actions');
  await expect(items).toHaveText(UPLOAD_ACTIONS);
  for (const item of await items.all()) await expect(item).toBeEnabled();
  // "Delete assets…" is destructive: the plugin flags it with alert: true.
  await expect(page.locator('[data-action-id="uploads.destroy"]')).toHaveClass(/menu-item--alert/);
});

test('Add tags… opens the plugin modal for the selected assets; X resolves null', async ({
  host,
  page,
}) => {
  await host.open('/media');
  const ids = await host.selectAssets(3);
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Add tags…' }).click();

  const modal = host.modal();
  await expect(modal).toBeVisible();
  await expect(modal).toHaveAttribute('data-modal-id', 'bulk');
  await expect(modal).toHaveAttribute('data-width', 'l');
  await expect(page.getByTestId('modal-title')).toHaveText('Add tags');
  expect((await modal.boundingBox())?.width).toBe(880);
  const frame = host.modalFrame();
  await expect(frame.getByTestId('bulk-modal')).toBeVisible();
  await expect(frame.getByTestId('bulk-scope-count')).toHaveText('3 assets selected');
  // The modal frame grew to its content through setHeight.
  await expect
    .poll(
      async () => (await page.locator('iframe[data-testid="modal-frame"]').boundingBox())?.height,
    )
    .toBeGreaterThan(60);

  // The execute hook received the raw JSON:API uploads of the selection, in order.
  const [execute] = await host.calls('executeUploadsDropdownAction', 'host→plugin');
  const [actionId, uploads, extra] = execute!.args as [
    string,
    Array<{ id: string; type: string; attributes: Record<string, unknown> }>,
    Record<string, unknown>,
  ];
  expect(actionId).toBe('uploads.addTags');
  expect(uploads.map((u) => u.id)).toEqual(ids);
  expect(
    uploads.every((u) => u.type === 'upload' && typeof u.attributes.filename === 'string'),
  ).toBe(true);
  // {parameters: action.parameters}; these actions declare none, and the log's JSON drops undefined.
  expect(extra).toEqual({});
  const [open] = await host.calls('openModal');
  expect(open!.args[0]).toMatchObject({ id: 'bulk', width: 'l', parameters: { ids } });
  expect(open!.outcome).toBe('pending');

  // The modal frame read the selection from the simulator with ctx.currentUserAccessToken at
  // ctx.cmaBaseUrl (the host itself never filters by ids).
  await expect(
    frame.getByRole('list', { name: 'First selected' }).getByRole('listitem'),
  ).toHaveCount(3);
  const reads = (await host.simLog()).filter(
    (e) =>
      e.method === 'GET' &&
      e.path === '/uploads' &&
      (e.query.filter as { ids?: string } | undefined)?.ids === ids.join(','),
  );
  expect(reads.map((e) => [e.status, e.role])).toEqual([[200, 'Admin']]);

  await page.getByTestId('modal-close').click();
  await expect(modal).toHaveCount(0);
  await expect(page.locator('iframe[data-testid="modal-frame"]')).toHaveCount(0);
  await expect.poll(async () => (await host.calls('openModal'))[0]?.outcome).toBe('ok');
  expect((await host.calls('openModal'))[0]!.result).toBeNull();
  // The execute promise settled once the modal closed.
  await expect
    .poll(async () => (await host.calls('executeUploadsDropdownAction', 'host→plugin'))[0]?.outcome)
    .toBe('ok');
});

test('select all on page and pagination drive the selection count the plugin sees', async ({
  host,
  page,
}) => {
  await host.open('/media');
  await expect(host.page.getByTestId('media-card')).toHaveCount(24);
  await page.getByTestId('media-select-page').check();
  await page.getByTestId('media-pagination-next').click();
  await expect(page.getByTestId('media-pagination-page')).toContainText('Page 2');
  await page.getByTestId('media-card').first().getByTestId('media-card-checkbox').check();
  await expect(page.getByTestId('media-selected-count')).toHaveText('25 selected');

  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Move to collection…' }).click();
  await expect(host.modalFrame().getByTestId('bulk-scope-count')).toHaveText('25 assets selected');
  // The plugin's own Close button resolves the modal through ctx.resolve.
  await host.modalFrame().getByRole('button', { name: 'Close' }).click();
  await expect(host.modal()).toHaveCount(0);
  expect((await host.calls('resolve')).length).toBe(1);
});
