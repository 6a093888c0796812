import { expect, test } from './fixtures';
import { addTagsInPicker, fastTimingFor, openAction, uploadsById } from './media-helpers';

fastTimingFor(test);

test('Add tags: a blank entry (spaces, or a lone comma, then Enter) says “A tag is blank.”', async ({
  host,
}) => {
  const { frame } = await openAction(host, 'Add tags…', 2);
  await frame.getByRole('button', { name: 'Next' }).click();
  const input = frame.getByLabel(/^Tags to/);
  await input.fill('   ');
  await input.press('Enter');
  await expect(frame.getByTestId('bulk-tag-notice')).toHaveText('A tag is blank.');
  await input.fill(',');
  await input.press('Enter');
  await expect(frame.getByTestId('bulk-tag-notice')).toHaveText('A tag is blank.');
  await expect(frame.getByTestId('bulk-chosen-tags').getByRole('listitem')).toHaveCount(0);
});

test('Add tags: Preview adds a tag typed but not yet added, the preview lists the tags, the run adds it', async ({
  host,
}) => {
  const before = await uploadsById(host);
  const { ids, frame } = await openAction(host, 'Add tags…', 2);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-chip']);
  await frame.getByLabel(/^Tags to/).fill('e2e-typed');
  await frame.getByRole('button', { name: 'Preview' }).click();

  await expect(frame.getByTestId('bulk-step-preview')).toBeVisible();
  await expect(frame.getByTestId('bulk-preview-input')).toHaveText(
    'Tags to add: e2e-chip, e2e-typed',
  );
  await frame.getByRole('button', { name: 'Run on 2 assets' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('2 succeeded');

  const after = await uploadsById(host);
  for (const id of ids)
    expect(after.get(id)!.tags).toEqual([...before.get(id)!.tags, 'e2e-chip', 'e2e-typed']);
});

test('Add tags: Preview with an invalid typed tag stays on the input step and says why', async ({
  host,
}) => {
  const { frame } = await openAction(host, 'Add tags…', 2);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-chip']);
  await frame.getByLabel(/^Tags to/).fill('x'.repeat(70));
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('bulk-tag-notice')).toContainText('longer than 64 characters');
  await expect(frame.getByTestId('bulk-step-input')).toBeVisible();
});

test('Remove tags: the preview lists the tags it will remove', async ({ host }) => {
  const { frame } = await openAction(host, 'Remove tags…', 2);
  await frame.getByRole('button', { name: 'Next' }).click();
  await frame.getByLabel(/^Tags to/).fill('e2e-gone');
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('bulk-preview-input')).toHaveText('Tags to remove: e2e-gone');
});
