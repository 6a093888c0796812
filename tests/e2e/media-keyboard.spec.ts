import type { FrameLocator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fastTimingFor, openAction, uploadsById } from './media-helpers';

fastTimingFor(test);

/** Presses Tab until the focused element in the modal frame has `name` (fails after `max`). */
async function tabTo(page: Page, frame: FrameLocator, name: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = frame.locator(':focus');
    if ((await focused.count()) && (await focused.innerText()).trim() === name) return;
  }
  throw new Error(`“${name}” was not reached with Tab`);
}

test('the Add tags flow: each step’s buttons are reached with Tab and pressed with Enter', async ({
  host,
  page,
}) => {
  const { ids, frame } = await openAction(host, 'Add tags…', 2);
  await frame.getByRole('radio', { name: /selected/ }).focus();
  await tabTo(page, frame, 'Next');
  await page.keyboard.press('Enter');
  const input = frame.getByLabel(/^Tags to/);
  await expect(input).toBeVisible();
  await input.focus();
  await page.keyboard.type('e2e-keys');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('bulk-chosen-tags')).toContainText('e2e-keys');
  await tabTo(page, frame, 'Preview');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('bulk-step-preview')).toBeVisible();
  await frame.getByTestId('bulk-preview-list').focus();
  await tabTo(page, frame, 'Run on 2 assets');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');
  await frame.getByRole('button', { name: 'Export CSV' }).focus();
  await tabTo(page, frame, 'Undo');
  const after = await uploadsById(host);
  for (const id of ids) expect(after.get(id)!.tags).toContain('e2e-keys');
});
