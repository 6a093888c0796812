import { expect, test } from './fixtures';
import { fastTimingFor, openAction } from './media-helpers';

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
