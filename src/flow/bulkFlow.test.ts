import { describe, expect, it, vi } from 'vitest';
import { findAction, type BulkActionId } from '../actions/catalog';
import { DEFAULT_PARAMETERS } from '../config/parameters';
import type { RawEntity } from '../cma/fetchByIds';
import type { Prediction } from '../operations/shared/types';
import type { RunTracker } from '../ui/bulk/runTracker';
import { BulkFlow } from './bulkFlow';
import type { BulkFlowPort } from './bulkFlowTypes';

const asset = (id: string): RawEntity => ({
  id,
  type: 'upload',
  attributes: { filename: `${id}.jpg` },
  relationships: {},
});

/** A fake port: every asset changes, except the ids in `blocked`. */
function fakePort(blocked: readonly string[] = []) {
  const tracker = {} as RunTracker;
  const port = {
    entities: vi.fn(
      async (ids: readonly string[]) =>
        new Map(ids.map((id) => [id, { id, name: id, thumbnail: null }])),
    ),
    loadKnownTags: vi.fn(async () => ['red']),
    loadCollections: vi.fn(async () => []),
    countMatching: vi.fn(async () => 7),
    resolve: vi.fn(async () => ['m1', 'm2']),
    preview: vi.fn(
      async (
        _a: BulkActionId,
        _i: unknown,
        ids: readonly string[],
        onEntity?: (e: RawEntity) => void,
      ) => {
        for (const id of ids) onEntity?.(asset(id));
        const predictions = new Map<string, Prediction>(
          ids.map((id) => [
            id,
            blocked.includes(id)
              ? { outcome: 'blocked', code: 'NOT_FOUND', reason: 'Gone.' }
              : { outcome: 'change', summary: '' },
          ]),
        );
        return { predictions } as never;
      },
    ),
    inUse: vi.fn(async () => new Set<string>()),
    collectionParents: vi.fn(async () => new Map<string, string | null>()),
    recordContext: vi.fn(),
    start: vi.fn(async () => tracker),
    retry: vi.fn(async () => tracker),
    undo: vi.fn(async () => tracker),
  } satisfies BulkFlowPort;
  return { port, tracker };
}

function flowFor(actionId: BulkActionId, port: BulkFlowPort, selectedIds = ['a1', 'a2']) {
  const action = findAction(actionId);
  if (!action) throw new Error(actionId);
  return new BulkFlow({
    port,
    action,
    selectedIds,
    settings: DEFAULT_PARAMETERS,
    model: null,
    // A role that may do anything to assets in main.
    role: {
      meta: {
        final_permissions: {
          positive_upload_permissions: [{ action: 'all', environment: 'main' }],
        },
      },
    },
    environment: 'main',
    actor: {},
  });
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('BulkFlow', () => {
  it('loads the sample and the known tags once, and tells subscribers', async () => {
    const { port } = fakePort();
    const flow = flowFor('uploads.addTags', port);
    const heard = vi.fn();
    flow.subscribe(heard);
    flow.open();
    flow.open();
    await settle();
    expect(port.entities).toHaveBeenCalledTimes(1);
    expect(flow.getSnapshot().knownTags).toEqual({ status: 'ready', value: ['red'] });
    expect(flow.getSnapshot().sample.status).toBe('ready');
    expect(heard).toHaveBeenCalled();
  });

  it('goes scope → input → preview → progress with the chosen tags', async () => {
    const { port, tracker } = fakePort(['a2']);
    const flow = flowFor('uploads.addTags', port);
    await flow.confirmScope();
    expect(flow.getSnapshot().step.name).toBe('input');
    flow.setInput({ kind: 'tags', tags: ['blue'] });
    await flow.preview();
    const step = flow.getSnapshot().step;
    if (step.name !== 'preview') throw new Error(step.name);
    expect(step.model.runIds).toEqual(['a1']);
    expect(step.model.leftOut.map((r) => r.id)).toEqual(['a2']);
    flow.next(step.model);
    await settle();
    expect(port.start).toHaveBeenCalledWith(
      'uploads.addTags',
      { tags: ['blue'] },
      ['a1'],
      expect.objectContaining({ jobsInFlight: DEFAULT_PARAMETERS.jobsInFlight }),
    );
    expect(flow.getSnapshot().step).toMatchObject({ name: 'progress', tracker, label: 'Add tags' });
    expect(flow.getSnapshot().busy).toBe(false);
  });

  it('resolves "all matching" and previews right away when the action takes no input', async () => {
    const { port } = fakePort();
    const flow = flowFor('uploads.destroy', port);
    flow.setMode('matching');
    flow.setFilter({ ...flow.getSnapshot().filter, query: 'cat' });
    await flow.confirmScope();
    expect(port.resolve).toHaveBeenCalledWith(
      expect.objectContaining({ resource: 'uploads' }),
      undefined,
    );
    expect(port.inUse).toHaveBeenCalledWith(['m1', 'm2']);
    const step = flow.getSnapshot().step;
    expect(step.name).toBe('preview');
    if (step.name !== 'preview') return;
    // Destructive: confirm before starting.
    flow.next(step.model);
    expect(flow.getSnapshot().step.name).toBe('confirm');
    expect(port.start).not.toHaveBeenCalled();
  });

  it('counts "all matching" for the filter it was asked with', async () => {
    const { port } = fakePort();
    const flow = flowFor('uploads.destroy', port);
    flow.setFilter({ ...flow.getSnapshot().filter, query: 'cat' });
    const key = flow.getSnapshot().filterKey;
    flow.countMatching();
    expect(flow.getSnapshot().matchCount).toEqual({ filterKey: key, count: { status: 'loading' } });
    await settle();
    expect(flow.getSnapshot().matchCount).toEqual({
      filterKey: key,
      count: { status: 'ready', value: 7 },
    });
  });

  it('says why the scope could not be listed, and stays on the scope', async () => {
    const { port } = fakePort();
    port.resolve.mockRejectedValueOnce(new Error('boom'));
    const flow = flowFor('uploads.destroy', port);
    flow.setMode('matching');
    await flow.confirmScope();
    expect(flow.getSnapshot()).toMatchObject({
      step: { name: 'scope' },
      error: 'Could not list the matching assets: boom',
      busy: false,
    });
  });

  it('retries and undoes the report’s runs through the port, with their labels', async () => {
    const { port } = fakePort();
    const flow = flowFor('uploads.addTags', port);
    const report = {
      name: 'report',
      label: 'Add tags',
      runs: [{ run: { id: 'r1' }, ids: [] }],
    } as never;
    flow.report(report);
    await flow.retry();
    expect(port.retry).toHaveBeenCalledWith(['r1'], expect.anything());
    expect(flow.getSnapshot().step).toMatchObject({ label: 'Add tags: retry failed' });
    flow.report(report);
    await flow.undo();
    expect(port.undo).toHaveBeenCalledWith(['r1'], expect.anything());
    expect(flow.getSnapshot().step).toMatchObject({ label: 'Undo add tags' });
  });
});
