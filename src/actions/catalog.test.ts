import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BULK_ACTIONS, findAction } from './catalog';

// The SDK types icons as a union of FontAwesome names; the catalog stores plain strings to stay
// SDK-free, so check each name against the union the installed SDK declares.
const sdkTypes = join(
  dirname(createRequire(import.meta.url).resolve('datocms-plugin-sdk/package.json')),
  'dist/types/icon.d.ts',
);
const iconUnion = readFileSync(sdkTypes, 'utf8');

describe('action catalog', () => {
  it('uses only icon names the SDK knows', () => {
    for (const action of BULK_ACTIONS) expect(iconUnion).toContain(`'${action.icon}'`);
  });

  it('has unique ids and, per surface, unique labels (DatoCMS requires them)', () => {
    expect(new Set(BULK_ACTIONS.map((a) => a.id)).size).toBe(BULK_ACTIONS.length);
    for (const surface of ['uploads', 'items'] as const) {
      const labels = BULK_ACTIONS.filter((a) => a.surface === surface).map((a) => a.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('marks exactly the deleting actions as destructive', () => {
    expect(BULK_ACTIONS.filter((a) => a.destructive).map((a) => a.id)).toEqual([
      'uploads.destroy',
      'items.destroy',
    ]);
  });

  it('finds actions by id and nothing else', () => {
    expect(findAction('items.publish')?.label).toBe('Bulk publish…');
    expect(findAction('items.nope')).toBeUndefined();
  });
});
