import { expect, test } from './fixtures';
import {
  addTagsInPicker,
  expectAccessible,
  fastTimingFor,
  openAction,
  screenshot,
  simState,
} from './media-helpers';

fastTimingFor(test);

test('5,000 assets through "all assets matching": exact count with the selection left out, then every one tagged', async ({
  host,
  page,
}) => {
  test.setTimeout(90_000);
  const response = await fetch(`${host.urls.simUrl}/__sim/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 5000, tags: ['e2e-batch'] }),
  });
  const created = ((await response.json()) as { ids: string[] }).ids;
  expect(created).toHaveLength(5000);

  const { ids: selected, frame } = await openAction(host, 'Add tags…', 1);
  await frame.getByRole('radio', { name: 'All assets matching a filter' }).check();
  await frame.getByLabel('Has the tag').fill('e2e-batch');
  await frame.getByLabel(/Leave out the 1 selected asset/).check();
  await expect(frame.getByRole('button', { name: 'Next' })).toBeDisabled();
  await frame.getByRole('button', { name: 'Count matching assets' }).click();
  const leftOut = created.filter((id) => selected.includes(id));
  const expected = 5000 - leftOut.length;
  await expect(frame.getByTestId('bulk-match-count')).toHaveText(
    `${expected.toLocaleString('en')} assets match, the selected ones left out.`,
  );
  await expectAccessible(page);
  await screenshot(page, 'media-1-scope-matching');
  await frame.getByRole('button', { name: 'Next' }).click();

  await addTagsInPicker(frame, ['e2e-5k']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(`${expected} will change`, {
    timeout: 20_000,
  });
  // The list is virtualized: only a screenful of rows is in the DOM.
  expect(await frame.getByTestId('bulk-preview-row').count()).toBeLessThan(40);
  await frame.getByRole('button', { name: `Run on ${expected} assets` }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${expected} succeeded`, {
    timeout: 60_000,
  });

  const state = await simState(host);
  const want = new Set(created.filter((id) => !selected.includes(id)));
  for (const u of state.uploads) expect(u.tags.includes('e2e-5k'), u.id).toBe(want.has(u.id));
});
