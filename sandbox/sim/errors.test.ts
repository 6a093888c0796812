/** Every error code the simulator can answer on the CMA is in DatoCMS's error list. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADMIN_ERROR_CODE, CMA_ERROR_CODES } from './errors';

const root = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'schemas' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('simulator error codes', () => {
  it('answers only codes of the CMA error list', () => {
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      // Top-level codes: SimError(status, 'CODE', …), errorBody('CODE', …), statusForCode cases.
      for (const match of text.matchAll(
        /(?:SimError\(\s*\d+,\s*|errorBody\(\s*|case\s+)'([A-Z][A-Z_]+)'/g,
      )) {
        used.add(match[1] as string);
      }
    }
    used.delete(ADMIN_ERROR_CODE);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((code) => !CMA_ERROR_CODES.has(code)).sort()).toEqual([]);
  });
});
