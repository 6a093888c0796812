import { describe, expect, it } from 'vitest';
import { resolveSelection, SelectionError, type SelectionSource } from './selection';

function source(all: string[], byFilter: Record<string, string[]>) {
  const calls: string[] = [];
  const src: SelectionSource = {
    listPage: async (filter, offset, limit) => {
      calls.push(`list ${JSON.stringify(filter)} ${offset}`);
      const ids = byFilter[JSON.stringify(filter)] ?? [];
      return { ids: ids.slice(offset, offset + limit), total: ids.length };
    },
    existing: async (ids) => {
      calls.push(`existing ${ids.length}`);
      return new Set(ids.filter((id) => all.includes(id)));
    },
  };
  return { src, calls };
}

describe('resolveSelection', () => {
  it('unions explicit ids and queries minus excludes, deduplicated, with an exact count', async () => {
    const tagged = Array.from({ length: 1200 }, (_, i) => `u${i}`);
    const { src, calls } = source(tagged, { '{"fields":{"tags":{"contains":"x"}}}': tagged });
    const frozen = await resolveSelection(
      {
        resource: 'uploads',
        ids: ['u5', 'u5', 'gone', 'u1'],
        queries: [{ filter: { fields: { tags: { contains: 'x' } } }, exclude: ['u2', 'u3'] }],
      },
      src,
    );
    expect(frozen.ids.slice(0, 2)).toEqual(['u5', 'u1']);
    expect(frozen.ids).toHaveLength(1198);
    expect(new Set(frozen.ids).size).toBe(1198);
    expect(frozen.ids).not.toContain('u2');
    expect(frozen.notFound).toEqual(['gone']);
    expect(frozen.count).toBe(1199);
    expect(Object.isFrozen(frozen.ids)).toBe(true);
    // 3 pages of ≤500.
    expect(calls.filter((c) => c.startsWith('list'))).toHaveLength(3);
  });

  it('rejects an empty selection before any request', async () => {
    const { src, calls } = source([], {});
    await expect(resolveSelection({ resource: 'items' }, src)).rejects.toMatchObject({
      code: 'EMPTY_SELECTION',
    });
    expect(calls).toEqual([]);
  });

  it('rejects more than 100,000 ids, from the first page count alone', async () => {
    const { src, calls } = source([], {});
    src.listPage = async () => {
      calls.push('list');
      return { ids: [], total: 100_001 };
    };
    const p = resolveSelection(
      { resource: 'items', queries: [{ filter: { type: 'article' } }] },
      src,
    );
    await expect(p).rejects.toBeInstanceOf(SelectionError);
    await expect(p).rejects.toMatchObject({ code: 'TOO_MANY_IDS', count: 100_001 });
    expect(calls).toEqual(['list']);
  });

  it('rejects too many explicit ids without any request', async () => {
    const { src, calls } = source([], {});
    const ids = Array.from({ length: 11 }, (_, i) => `i${i}`);
    await expect(
      resolveSelection({ resource: 'items', ids }, src, { maxIds: 10 }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_IDS',
    });
    expect(calls).toEqual([]);
  });

  it('reads the pages again when they held fewer ids than the total (unstable order over ties)', async () => {
    const all = Array.from({ length: 1200 }, (_, i) => `u${i}`);
    let pass = 0;
    const calls: number[] = [];
    const src: SelectionSource = {
      listPage: async (_filter, offset, limit) => {
        if (offset === 0) pass++;
        calls.push(offset);
        // First pass: ties shuffled across pages, so page 2 repeats page 1's last 10 ids.
        const start = pass === 1 && offset === 500 ? 490 : offset;
        return { ids: all.slice(start, start + limit), total: all.length };
      },
      existing: async () => new Set(),
    };
    const frozen = await resolveSelection(
      { resource: 'uploads', queries: [{ filter: {}, exclude: ['u3'] }] },
      src,
    );
    expect(frozen.ids).toHaveLength(1199);
    expect(new Set(frozen.ids).size).toBe(1199);
    expect(calls).toEqual([0, 500, 1000, 0, 500, 1000]);
  });

  it('reads each page once when the count is complete', async () => {
    const all = Array.from({ length: 700 }, (_, i) => `u${i}`);
    const calls: number[] = [];
    const src: SelectionSource = {
      listPage: async (_filter, offset, limit) => {
        calls.push(offset);
        return { ids: all.slice(offset, offset + limit), total: all.length };
      },
      existing: async () => new Set(),
    };
    await resolveSelection({ resource: 'uploads', queries: [{ filter: {} }] }, src);
    expect(calls).toEqual([0, 500]);
  });
});
