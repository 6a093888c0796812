import { expect, test } from './fixtures';

test('boots the plugin in a hidden onBoot frame on another origin and reads its hooks', async ({
  host,
  page,
  urls,
}) => {
  await host.open('/media');

  const boot = page.locator('iframe[data-testid="boot-frame"]');
  await expect(boot).toHaveAttribute('data-mode', 'onBoot');
  await expect(boot).toBeHidden();
  expect(new URL(urls.pluginUrl).origin).not.toBe(new URL(urls.hostUrl).origin);
  expect(await boot.getAttribute('src')).toBe(urls.pluginUrl);

  const log = await host.log();
  // The boot frame read its settings, then the host asked which hooks the plugin implements.
  expect(log.some((e) => e.frame.startsWith('onBoot#') && e.method === 'getSettings')).toBe(true);
  const implemented = log.find((e) => e.method === 'implementedHooks');
  expect(Object.keys(implemented?.result as Record<string, true>).sort()).toEqual(
    [
      'executeItemsDropdownAction',
      'executeUploadsDropdownAction',
      'itemFormSidebarPanels',
      'itemsDropdownActions',
      'onBoot',
      'renderConfigScreen',
      'renderItemFormSidebarPanel',
      'renderModal',
      'renderUploadSidebarPanel',
      'uploadSidebarPanels',
      'uploadsDropdownActions',
    ].sort(),
  );
  // Every base method of the SDK ctx (§5) exists on the host, so every ctx.<method> is defined.
  const methods = await page.evaluate(() =>
    Object.keys((window as unknown as { __sandbox: { methods: object } }).__sandbox.methods),
  );
  expect(methods.sort()).toEqual(
    [
      'alert',
      'createNewItem',
      'customToast',
      'editItem',
      'editUpload',
      'editUploadMetadata',
      'loadFieldsUsingPlugin',
      'loadItemTypeFields',
      'loadItemTypeFieldsets',
      'loadSsoUsers',
      'loadUsers',
      'navigateTo',
      'notice',
      'openConfirm',
      'openModal',
      'selectItem',
      'selectUpload',
      'updateFieldAppearance',
      'updatePluginParameters',
    ].sort(),
  );
  // The Media Area menu was declared through callMethodMergingBootCtx on the boot frame.
  await expect
    .poll(async () => (await host.calls('uploadsDropdownActions', 'host→plugin')).length)
    .toBeGreaterThan(0);
});
