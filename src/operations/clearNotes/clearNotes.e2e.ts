/** Clear notes in the Media Area, checked in the simulator's state, then Undo. */
import { expect, test } from '../../../tests/e2e/fixtures';
import {
  expectAccessible,
  fastTimingFor,
  openAction,
  screenshot,
  simState,
} from '../../../tests/e2e/media-helpers';

fastTimingFor(test);

type WithNotes = { id: string; notes: string | null };
const notesById = async (host: Parameters<typeof simState>[0]) =>
  new Map(((await simState(host)).uploads as unknown as WithNotes[]).map((u) => [u.id, u.notes]));

test('Clear notes empties the notes of the selected assets, and Undo writes each one back', async ({
  host,
  page,
}) => {
  const { ids, frame } = await openAction(host, 'Clear notes…', 24);
  const before = await notesById(host);
  const noted = ids.filter((id) => before.get(id));
  expect(noted.length, 'the first page has assets with notes').toBeGreaterThan(0);

  await frame.getByRole('button', { name: 'Next' }).click();
  await expect(frame.getByTestId('bulk-preview-change')).toHaveText(`${noted.length} will change`);
  await expect(frame.getByTestId('bulk-preview-noop')).toContainText(
    `${ids.length - noted.length}`,
  );
  await expectAccessible(page);
  await screenshot(page, 'media-clear-notes-preview');
  await frame.getByRole('button', { name: `Run on ${ids.length} assets` }).click();
  // Those without notes are in the run too: already as wanted, they succeed without a write.
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${ids.length} succeeded`);

  const puts = (await host.simLog()).filter(
    (e) => e.method === 'PUT' && e.path.startsWith('/uploads/'),
  );
  expect(puts.map((e) => e.path).sort()).toEqual(noted.map((id) => `/uploads/${id}`).sort());
  const cleared = await notesById(host);
  for (const [id, notes] of before) expect(cleared.get(id)).toBe(ids.includes(id) ? null : notes);

  await expect(
    frame.getByText('Undo puts back the notes each asset had before this run.'),
  ).toBeVisible();
  await frame.getByRole('button', { name: /^Undo/ }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${noted.length} succeeded`);
  expect(await notesById(host)).toEqual(before);
});
