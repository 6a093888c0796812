import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type SandboxWindow = {
  __sandbox: { methods: Record<string, (...args: unknown[]) => unknown> };
  __results?: unknown[];
};

/**
 * Calls a base method of the host as a plugin frame would (window.__sandbox.methods) and returns
 * the index under which its settled value will appear in window.__results.
 */
function callHost(page: Page, method: string, ...args: unknown[]): Promise<number> {
  return page.evaluate(
    ([name, params]) => {
      const w = window as unknown as SandboxWindow;
      const results = (w.__results ??= []);
      const index = results.push('pending') - 1;
      void Promise.resolve(w.__sandbox.methods[name]!(...params)).then(
        (value) => (results[index] = value),
      );
      return index;
    },
    [method, args] as const,
  );
}

function result(page: Page, index: number): Promise<unknown> {
  return page.evaluate((i) => (window as unknown as SandboxWindow).__results?.[i], index);
}

test('modal sizes, title, closeDisabled and stacking', async ({ host, page }) => {
  await host.open('/media');
  const expected = { s: 480, m: 640, l: 880, xl: 1120 } as const;
  for (const [width, px] of Object.entries(expected)) {
    const index = await callHost(page, 'openModal', {
      id: `size-${width}`,
      title: `Size ${width}`,
      width,
    });
    const modal = host.modal();
    await expect(modal).toHaveAttribute('data-width', width);
    expect((await modal.boundingBox())?.width).toBe(px);
    await expect(page.getByTestId('modal-title')).toHaveText(`Size ${width}`);
    await page.getByTestId('modal-close').click();
    await expect(modal).toHaveCount(0);
    await expect.poll(() => result(page, index)).toBeNull();
  }

  // fullWidth ignores the title; closeDisabled hides X (and Escape); modals stack.
  const first = await callHost(page, 'openModal', {
    id: 'locked',
    title: 'ignored',
    width: 'fullWidth',
    closeDisabled: true,
    initialHeight: 321,
  });
  await expect(host.modal()).toHaveCount(1);
  expect((await host.modal().boundingBox())?.width).toBe(1400 - 32);
  await expect(page.getByTestId('modal-title')).toHaveCount(0);
  await expect(page.getByTestId('modal-close')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(host.modal()).toHaveCount(1);

  const second = await callHost(page, 'openModal', { id: 'top', title: 'On top', width: 300 });
  await expect(host.modal()).toHaveCount(2);
  await expect(host.modal().nth(1)).toHaveAttribute('data-depth', '1');
  expect((await host.modal().nth(1).boundingBox())?.width).toBe(300);
  // The top modal's plugin frame resolves through ctx.resolve (the plugin's own Close button).
  await page
    .frameLocator('[data-modal-id="top"] iframe[data-testid="modal-frame"]')
    .getByRole('button', { name: 'Close' })
    .click();
  await expect(host.modal()).toHaveCount(1);
  await expect.poll(() => result(page, second)).toBeNull();
  expect(await result(page, first)).toBe('pending');
  await page
    .frameLocator('[data-modal-id="locked"] iframe[data-testid="modal-frame"]')
    .getByRole('button', { name: 'Close' })
    .click();
  await expect(host.modal()).toHaveCount(0);
  await expect.poll(() => result(page, first)).toBeNull();
});

test('openConfirm, customToast and navigateTo', async ({ host, page }) => {
  await host.open('/media');
  const confirm = await callHost(page, 'openConfirm', {
    title: 'Delete 3 assets?',
    content: 'This cannot be undone.',
    choices: [{ label: 'Delete', value: 'yes', intent: 'negative' }],
    cancel: { label: 'Keep them', value: false },
  });
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toHaveAttribute('role', 'alertdialog');
  await expect(dialog.getByTestId('confirm-title')).toHaveText('Delete 3 assets?');
  await dialog.getByTestId('confirm-choice').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => result(page, confirm)).toBe('yes');

  const cancelled = await callHost(page, 'openConfirm', {
    title: 'Sure?',
    content: '',
    choices: [{ label: 'Yes', value: 1 }],
    cancel: { label: 'Cancel', value: 'no' },
  });
  await page.getByTestId('confirm-cancel').click();
  await expect.poll(() => result(page, cancelled)).toBe('no');

  const toast = await callHost(page, 'customToast', {
    type: 'warning',
    message: 'Rate limited',
    cta: { label: 'Retry', value: 'retry' },
  });
  const shown = host.toasts().filter({ hasText: 'Rate limited' });
  await expect(shown).toHaveAttribute('data-type', 'warning');
  await expect(shown).toHaveAttribute('role', 'alert');
  await shown.getByTestId('toast-cta').click();
  await expect.poll(() => result(page, toast)).toBe('retry');

  const dismissed = await callHost(page, 'customToast', { type: 'notice', message: 'Bye' });
  await host.toasts().filter({ hasText: 'Bye' }).getByTestId('toast-dismiss').click();
  await expect.poll(() => result(page, dismissed)).toBeNull();

  await callHost(page, 'navigateTo', '/configuration/plugins/x/edit');
  await expect(page.getByTestId('page')).toHaveAttribute('data-route', 'config');
  await callHost(page, 'navigateTo', '/somewhere/else');
  await expect(page.getByTestId('not-found-path')).toHaveText('/somewhere/else');
});
