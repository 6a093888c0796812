/** The host page asks what DatoCMS asks, refuses what DatoCMS refuses, and loads any plugin. */
import type { Frame, Page } from '@playwright/test';
import { callFromFrame, expect, test } from './fixtures';
import { sandboxUrls } from './sandbox-urls';

test('the record page asks itemsDropdownActions as well as itemFormDropdownActions, in one menu', async ({
  host,
}) => {
  await host.open('/editor/item_types/it-article/items/r00093/edit');
  await host.openMenu('record-actions');
  const asked = (await host.log()).filter((e) => e.dir === 'host→plugin').map((e) => e.method);
  expect(asked).toContain('itemsDropdownActions');
  const hooks = (await host.log()).find((e) => e.method === 'implementedHooks')?.result as Record<
    string,
    true
  >;
  if (hooks.itemFormDropdownActions) expect(asked).toContain('itemFormDropdownActions');
  // The entries of itemsDropdownActions are in the record page's menu.
  const list = host.page.getByTestId('record-actions-list');
  await expect(list.getByRole('menuitem', { name: 'Bulk publish…' }).first()).toBeVisible();
});

test('the role switch lists every role the simulator offers a token for', async ({
  host,
  urls,
}) => {
  const tokens = (
    (await (await fetch(`${urls.simUrl}/__sim/tokens`)).json()) as {
      data: { label?: string; role: { attributes: { name: string } } }[];
    }
  ).data;
  await host.open('/media');
  const options = host.page.getByTestId('role-switch').locator('option');
  await expect(options).toHaveText(tokens.map((t) => t.label ?? t.role.attributes.name));
  expect(tokens.length).toBeGreaterThan(3);
});

async function configFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe[data-testid="config-frame"]').elementHandle();
  return (await handle!.contentFrame())!;
}

test('updatePluginParameters refuses settings over 10 KB and stores nothing; 10 KB is fine', async ({
  host,
  page,
}) => {
  await host.open('/configuration/plugins/bulk-actions-sandbox/edit');
  await expect(page.getByTestId('config-frame')).toBeVisible();
  const frame = await configFrame(page);
  const before = await page.getByTestId('stored-parameters').textContent();
  // {"x":"…"} is 8 bytes of JSON around the string: 10,232 characters make 10,240 bytes.
  await expect(
    callFromFrame(frame, 'updatePluginParameters', { x: 'é'.repeat(5200) }),
  ).rejects.toThrow(
    /INVALID_FIELD: the plugin parameters are 10408 bytes, over the 10 KB \(10240 bytes\) limit/,
  );
  await expect(page.getByTestId('stored-parameters')).toHaveText(before!);
  await callFromFrame(frame, 'updatePluginParameters', { x: 'a'.repeat(10_232) });
  await expect(page.getByTestId('stored-parameters')).toContainText('aaaa');
});

test('--plugin-url: the host loads any plugin entry point (here the neighbour) instead of Bulk Actions', async ({
  page,
}) => {
  const { startSandbox } = await import('../../sandbox/start');
  const global = sandboxUrls();
  const neighbourUrl = new URL(
    '/datocms-plugin-neighbour-test@1.0.0/dist/index.html',
    global.pluginUrl,
  ).href;
  const other = await startSandbox({ pluginUrl: neighbourUrl, simulator: { quiet: true } });
  try {
    expect(other.pluginUrl).toBe(neighbourUrl);
    await page.goto(`${other.hostUrl}#/media/assets/u00001`);
    await expect(page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
    await expect(page.locator('iframe[data-testid="boot-frame"]')).toHaveAttribute(
      'src',
      neighbourUrl,
    );
    await expect(page.getByTestId('upload-sidebar-panel-toggle')).toHaveText(
      /Neighbour \(test plugin\)/,
    );
    await expect(page.getByTestId('upload-actions-none')).toBeVisible();
  } finally {
    await other.close();
  }
});
