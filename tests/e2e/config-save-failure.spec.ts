import { expect, test } from './fixtures';

test('a refused settings save is explained, nothing is stored, the form keeps what was typed and a second save works', async ({
  host,
  page,
}) => {
  await host.open('/configuration/plugins/bulk-actions-sandbox/edit');
  const frame = page.frameLocator('iframe[data-testid="config-frame"]');
  const before = await page.getByTestId('stored-parameters').textContent();
  const chunk = frame.getByLabel('Items per bulk call');
  await chunk.fill('150');
  await page.evaluate(() =>
    (
      window as unknown as { __sandbox: { failNextSettingsSave(m: string): void } }
    ).__sandbox.failNextSettingsSave('EXCEPTION: the plugin could not be updated'),
  );

  await frame.getByRole('button', { name: 'Save settings' }).click();
  await expect(frame.getByTestId('config-save-error')).toHaveText(
    'The settings were not saved: EXCEPTION: the plugin could not be updated. Your changes are still in the form; try again, or reload to see what is stored.',
  );
  await expect(host.toasts().filter({ hasText: 'Bulk Actions settings saved.' })).toHaveCount(0);
  await expect(page.getByTestId('stored-parameters')).toHaveText(before!);
  await expect(chunk).toHaveValue('150');

  // The hook refuses once: saving again stores the typed value and clears the message.
  await frame.getByRole('button', { name: 'Save settings' }).click();
  await expect(host.toasts().filter({ hasText: 'Bulk Actions settings saved.' })).toBeVisible();
  await expect(frame.getByTestId('config-save-error')).toHaveCount(0);
  const stored = JSON.parse((await page.getByTestId('stored-parameters').textContent()) ?? '{}');
  expect(stored).toMatchObject({ chunkSize: 150 });
});
