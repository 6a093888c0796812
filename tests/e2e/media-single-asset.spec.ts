import { expect, test } from './fixtures';
import { addTagsInPicker, fastTimingFor, uploadsById } from './media-helpers';

fastTimingFor(test);

test('the single-asset view offers the actions and runs them on that asset only', async ({
  host,
  page,
}) => {
  await host.open('/media');
  const card = page.getByTestId('media-card').nth(2);
  const uploadId = (await card.getAttribute('data-upload-id'))!;
  await card.getByRole('link').click();
  await expect(page.getByTestId('upload-detail')).toHaveAttribute('data-upload-id', uploadId);
  const before = await uploadsById(host);

  const items = await host.openMenu('upload-actions');
  await items.filter({ hasText: 'Add tags…' }).click();
  const frame = host.modalFrame();
  await expect(frame.getByTestId('bulk-scope-count')).toHaveText('1 asset selected');
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['single-view']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 1 asset' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');

  const after = await uploadsById(host);
  expect(after.get(uploadId)!.tags).toEqual([...before.get(uploadId)!.tags, 'single-view']);
  const changed = [...after.values()].filter((u) => u.tags.includes('single-view'));
  expect(changed.map((u) => u.id)).toEqual([uploadId]);
});
