import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('the plugin modal has no serious or critical axe violations', async ({ host, page }) => {
  await host.open('/media');
  await host.selectAssets(3);
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Add tags…' }).click();
  const frame = host.modalFrame();
  await expect(frame.getByTestId('bulk-scope-count')).toHaveText('3 assets selected');
  // Wait for the sample list (or an error), so the scan sees the settled modal.
  await expect(frame.getByRole('list', { name: 'First selected' })).toBeVisible();

  // axe-core/playwright injects axe into every frame, cross-origin ones included; the scan is
  // limited to the dialog and the plugin's modal frame inside it.
  const results = await new AxeBuilder({ page }).include('[data-testid="modal"]').analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
  ).toEqual([]);
  // The frame really was scanned: some checked nodes live inside the iframe (nested targets).
  const nested = [...results.passes, ...results.incomplete].flatMap((r) =>
    r.nodes.filter((n) => n.target.length > 1),
  );
  expect(nested.length).toBeGreaterThan(0);
});

test('the config screen has no serious or critical axe violations', async ({ host, page }) => {
  await host.open('/media');
  await page.getByTestId('nav-config').click();
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  await expect(frame.getByRole('button', { name: 'Save settings' })).toBeVisible();

  const results = await new AxeBuilder({ page }).include('[data-testid="config-frame"]').analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
  ).toEqual([]);
  // Every switch is named by its label.
  await expect(frame.getByRole('switch', { name: 'Media Area: Delete assets' })).toBeVisible();
});
