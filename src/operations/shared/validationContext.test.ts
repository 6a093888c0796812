import type { Client } from '@datocms/cma-client-browser';
import { describe, expect, it } from 'vitest';
import { BULK_ACTIONS } from '../../actions/catalog';
import { loadValidationContext } from './validationContext';

/** A client that records the URLs it is asked for. */
function recordingClient(urls: string[]): Client {
  return {
    request: async ({ url }: { url: string }) => {
      urls.push(url);
      if (url === '/workflows') return { data: [{ attributes: { stages: [{ id: 's1' }] } }] };
      return { data: [{ id: 'c1', type: 'upload_collection', attributes: {} }] };
    },
  } as unknown as Client;
}

describe('loadValidationContext', () => {
  it('reads workflows only for a stage move (Enterprise-only), collections only where needed', async () => {
    const reads: Record<string, string[]> = {};
    for (const action of BULK_ACTIONS) {
      const urls: string[] = [];
      await loadValidationContext(recordingClient(urls), action.id);
      reads[action.id] = urls;
    }
    expect(Object.entries(reads).filter(([, u]) => u.includes('/workflows'))).toEqual([
      ['items.moveToStage', ['/workflows']],
    ]);
    expect(
      Object.entries(reads)
        .filter(([, u]) => u.includes('/upload-collections'))
        .map(([id]) => id),
    ).toEqual(['uploads.moveToCollection', 'uploadCollections.reorder']);
    expect(reads['items.publish']).toEqual([]);
    expect(reads['uploads.destroy']).toEqual([]);
  });
});
