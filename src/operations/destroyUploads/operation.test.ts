import { describe, expect, it } from 'vitest';
import { createEngineClient } from '../../cma/engineClient';
import { systemClock } from '../../engine/clock';
import { FakeClock } from '../../engine/testing/fakeClock';
import { InputError } from '../shared/inputErrors';
import createDestroyUploads from './operation';

const ctx = { clock: new FakeClock() };

function clientAnswering(inUse: readonly string[], urls: URL[]) {
  return createEngineClient(
    { apiToken: 't', environment: 'main', baseUrl: 'http://cma.test' },
    {
      clock: systemClock,
      fetchFn: async (input) => {
        const url = new URL(String(input));
        urls.push(url);
        const asked = (url.searchParams.get('filter[ids]') ?? '').split(',');
        const data = asked.filter((id) => inUse.includes(id)).map((id) => ({ id, type: 'upload' }));
        return new Response(JSON.stringify({ data, meta: { total_count: data.length } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  ).client;
}

describe('uploads.destroy: the in-use guard', () => {
  const op = createDestroyUploads(ctx);

  it('the input says whether assets in use may be deleted (off unless true)', () => {
    expect(op.validate({}, {})).toEqual({ allowInUse: false });
    expect(op.validate(undefined, {})).toEqual({ allowInUse: false });
    expect(op.validate({ allowInUse: true }, {})).toEqual({ allowInUse: true });
    expect(() => op.validate({ allowInUse: 'yes' }, {})).toThrow(InputError);
  });

  it('checks each chunk with one GET per lookup (200 DatoCMS ids) (filter[ids] + in_use) and leaves used ones out', async () => {
    const urls: URL[] = [];
    // DatoCMS's ids are 22 characters: 200 of them fill one lookup's URL budget.
    const ids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(21, '0')}`);
    const bound = op.bind(clientAnswering([ids[3]!, ids[240]!], urls), { allowInUse: false });
    const verdicts = await bound.guard!(ids);
    expect([...verdicts.keys()]).toEqual([ids[3], ids[240]]);
    expect(verdicts.get(ids[3]!)).toMatchObject({ code: 'IN_USE' });
    expect(urls).toHaveLength(2);
    expect(urls[0]!.pathname).toBe('/uploads');
    expect(urls[0]!.searchParams.get('filter[fields][in_use][eq]')).toBe('true');
    expect(urls[0]!.searchParams.get('filter[ids]')!.split(',')).toHaveLength(200);
    expect(urls[0]!.searchParams.get('page[limit]')).toBe('200');
  });

  it('no guard when the run allows deleting assets in use', () => {
    const bound = op.bind(clientAnswering([], []), { allowInUse: true });
    expect(bound.guard).toBeUndefined();
  });
});
