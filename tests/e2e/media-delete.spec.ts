import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import {
  fastTimingFor,
  expectAccessible,
  openAction,
  screenshot,
  uploadsById,
} from './media-helpers';

fastTimingFor(test);

test('Delete assets: in-use assets are left out and listed, a typed phrase confirms, the rest are deleted', async ({
  host,
  page,
}) => {
  const before = await uploadsById(host);
  const { ids, frame } = await openAction(host, 'Delete assets…', 16);
  const inUse = ids.filter((id) => before.get(id)!.in_use);
  const free = ids.filter((id) => !before.get(id)!.in_use);
  expect(inUse.length, 'the first page has assets in use').toBeGreaterThan(0);
  expect(free.length).toBeGreaterThan(0);

  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-step-preview')).toBeVisible();
  await expect(frame.getByTestId('bulk-preview-blocked')).toHaveText(`${inUse.length} blocked`);
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(`${free.length} will change`);
  await expect(frame.getByTestId('bulk-left-out')).toContainText(`${inUse.length} blocked`);
  for (const id of inUse)
    await expect(
      frame.locator(`[data-testid="bulk-preview-row"][data-id="${id}"]`),
    ).toHaveAttribute('data-outcome', 'blocked');
  await frame.getByRole('button', { name: 'Continue' }).click();

  await expect(frame.getByTestId('bulk-step-confirm')).toBeVisible();
  // The last gate names the environment the deletion changes (the sandbox host's is primary).
  await expect(frame.getByTestId('bulk-environment')).toHaveText(
    'Runs on the primary environment “main”: the changes reach your live content.',
  );
  const confirm = frame.getByRole('button', { name: `Delete ${free.length} assets` });
  await expect(confirm).toBeDisabled();
  await frame.getByLabel(/Type delete/).fill(`delete ${free.length - 1} assets`);
  await expect(confirm).toBeDisabled();
  // Before deleting, the assets' metadata can be kept: exactly the assets that will go.
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    frame.getByRole('button', { name: 'Export metadata (CSV)' }).click(),
  ]);
  const csv = (await readFile((await exported.path())!, 'utf8')).trim().split('\n');
  expect(csv[0]).toMatch(/^id,filename,url,mime_type,size,/);
  expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(free);
  for (const id of free)
    expect(csv.find((line) => line.startsWith(`${id},`))).toContain(before.get(id)!.filename);
  await frame.getByLabel(/Type delete/).fill(`delete ${free.length} assets`);
  await expectAccessible(page);
  await screenshot(page, 'media-4-confirm');
  await confirm.click();

  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${free.length} succeeded`);
  await expect(frame.getByTestId('bulk-report-left-out')).toHaveText(`${inUse.length} left out`);
  for (const id of inUse) {
    const row = frame.locator(`[data-testid="bulk-report-row"][data-id="${id}"]`);
    await expect(row).toContainText(before.get(id)!.filename);
    await expect(row).toContainText('IN_USE');
  }
  // No undo for deletions.
  await expect(frame.getByRole('button', { name: 'Undo' })).toHaveCount(0);

  const after = await uploadsById(host);
  for (const id of free) expect(after.has(id)).toBe(false);
  for (const id of inUse) expect(after.has(id)).toBe(true);
  expect(after.size).toBe(before.size - free.length);
});
