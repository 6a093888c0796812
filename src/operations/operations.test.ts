import { describe, expect, it } from 'vitest';
import { FakeClock } from '../engine/testing/fakeClock';
import { loadOperation } from './loadOperation';
import { flowPolicyFor } from './flowPolicies';
import { OPERATIONS } from './registry';
import { InputError } from './shared/inputErrors';
import { explainError } from '../cma/explainError';
import { apiError } from '../engine/testing/apiErrors';
import type { RawEntity } from '../cma/fetchByIds';
import type { BulkActionId } from '../actions/catalog';
import { checkPermission } from '../config/operationPermission';
import type { AnyOperation } from './shared/types';

const ctx = { clock: new FakeClock() };
const loaded = new Map<string, AnyOperation>();
for (const { meta } of OPERATIONS) loaded.set(meta.id, await loadOperation(meta.id, ctx));
const createOperation = (id: BulkActionId) => loaded.get(id)!;

describe('registry', () => {
  it('each operation agrees with its meta (id, resource, permission, inverse)', () => {
    for (const { meta } of OPERATIONS) {
      const op = loaded.get(meta.id)!;
      expect(op.id).toBe(meta.id);
      expect(op.resource).toBe(meta.resource);
      expect(op.requires).toEqual(meta.requires);
      expect(!!op.inverse).toBe(meta.hasInverse);
    }
  });

  it('each operation has its own flow policy (flow.ts), found from its folder', () => {
    const policies = OPERATIONS.map(({ meta }) => flowPolicyFor(meta.id));
    expect(new Set(policies).size).toBe(OPERATIONS.length);
    expect(flowPolicyFor('items.nope')).toEqual({ input: { kind: 'none' } });
    expect(flowPolicyFor('items.publish').sendAnyway).toEqual(['INVALID_DRAFT']);
  });

  it('refuses an unknown id', async () => {
    await expect(loadOperation('items.nope', ctx)).rejects.toThrow(/Unknown operation/);
  });
});
const upload = (id: string, tags: string[], collection: string | null = null): RawEntity => ({
  id,
  type: 'upload',
  attributes: { tags },
  relationships: {
    upload_collection: { data: collection ? { id: collection, type: 'upload_collection' } : null },
  },
});
const item = (id: string, status: string, extra: Record<string, unknown> = {}): RawEntity => ({
  id,
  type: 'item',
  meta: { status, ...extra },
  relationships: { item_type: { data: { id: 'm1', type: 'item_type' } } },
});

describe('input validation (typed errors, before any request)', () => {
  const addTags = createOperation('uploads.addTags');
  it.each([
    [{ tags: [] }, 'EMPTY_TAGS'],
    [{ tags: ['  '] }, 'BLANK_TAG'],
    [{ tags: ['a', 'A '] }, 'DUPLICATE_TAG'],
    [{ tags: ['x'.repeat(65)] }, 'TAG_TOO_LONG'],
    [{ tags: 'a' }, 'INVALID_INPUT'],
  ])('%j → %s', (input, code) => {
    expect(() => addTags.validate(input, {})).toThrow(InputError);
    try {
      addTags.validate(input, {});
    } catch (e) {
      expect((e as InputError).code).toBe(code);
    }
  });

  it('trims tags', () => {
    expect(addTags.validate({ tags: [' hero '] }, {})).toEqual({ tags: ['hero'] });
  });

  it('rejects unknown collections and stages', () => {
    const move = createOperation('uploads.moveToCollection');
    expect(() =>
      move.validate({ collectionId: 'nope' }, { collectionIds: new Set(['c1']) }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLLECTION' }));
    expect(move.validate({ collectionId: null }, {})).toEqual({ collectionId: null });
    const stage = createOperation('items.moveToStage');
    expect(() => stage.validate({ stageId: 'x' }, { stageIds: new Set(['review']) })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_STAGE' }),
    );
    const reorder = createOperation('uploadCollections.reorder');
    expect(() =>
      reorder.validate(
        { placements: [{ id: 'c1', position: 1, parent: 'zz' }] },
        { collectionIds: new Set(['c1']) },
      ),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLLECTION' }));
  });
});

describe('preview', () => {
  it('predicts change / no-op / blocked', () => {
    const addTags = createOperation('uploads.addTags');
    expect(addTags.preview(upload('u1', ['a']), { tags: ['a'] })).toMatchObject({
      outcome: 'noop',
    });
    expect(addTags.preview(upload('u1', []), { tags: ['a'] })).toMatchObject({ outcome: 'change' });
    const publish = createOperation('items.publish');
    expect(publish.preview(item('i1', 'published'), {})).toMatchObject({ outcome: 'noop' });
    expect(publish.preview(item('i1', 'draft', { is_valid: false }), {})).toMatchObject({
      outcome: 'blocked',
      code: 'INVALID_DRAFT',
    });
  });
});

describe('inverse (undo)', () => {
  it('add tags → removes only the tags each asset did not have', () => {
    const op = createOperation('uploads.addTags');
    const input = { tags: ['a', 'b'] };
    const before = {
      u1: op.snapshot!(upload('u1', ['a']), input),
      u2: op.snapshot!(upload('u2', []), input),
      u3: op.snapshot!(upload('u3', ['a', 'b']), input),
    };
    expect(op.inverse!(input, before, ['u1', 'u2', 'u3'])).toEqual([
      { operationId: 'uploads.removeTags', input: { tags: ['b'] }, ids: ['u1'] },
      { operationId: 'uploads.removeTags', input: { tags: ['a', 'b'] }, ids: ['u2'] },
    ]);
  });

  it('collection move → back to each asset’s previous collection', () => {
    const op = createOperation('uploads.moveToCollection');
    const input = { collectionId: 'c9' };
    const before = {
      u1: op.snapshot!(upload('u1', [], 'c1'), input),
      u2: op.snapshot!(upload('u2', []), input),
    };
    expect(op.inverse!(input, before, ['u1', 'u2'])).toEqual([
      { operationId: 'uploads.moveToCollection', input: { collectionId: 'c1' }, ids: ['u1'] },
      { operationId: 'uploads.moveToCollection', input: { collectionId: null }, ids: ['u2'] },
    ]);
  });

  it('publish ↔ unpublish, only where the reversal is exact', () => {
    const op = createOperation('items.publish');
    const before = { i1: 'draft', i2: 'updated', i3: 'draft' };
    expect(op.inverse!({}, before, ['i1', 'i2'])).toEqual([
      { operationId: 'items.unpublish', input: {}, ids: ['i1'] },
    ]);
  });

  it('no inverse for deletes', () => {
    expect(createOperation('uploads.destroy').inverse).toBeUndefined();
    expect(createOperation('items.destroy').inverse).toBeUndefined();
  });
});

describe('explain', () => {
  it('maps api_error codes to human reasons', () => {
    expect(explainError(apiError(422, 'UNPUBLISHED_PARENT')).reason).toMatch(/parent/);
    expect(explainError(apiError(422, 'DELETE_RESTRICTION')).reason).toMatch(/in use/);
    expect(explainError(apiError(422, 'ITEM_LOCKED')).code).toBe('ITEM_LOCKED');
    expect(explainError(apiError(503)).code).toBe('HTTP_503');
  });

  it('names the failing fields of an invalid draft', () => {
    expect(
      explainError(apiError(422, 'INVALID_DRAFT', { details: { fields: ['title', 'sku'] } }))
        .reason,
    ).toMatch(/fields “title”, “sku”\)$/);
  });
});

describe('permission', () => {
  it('reuses roleAllows', () => {
    const op = createOperation('uploads.destroy');
    const role = {
      meta: { final_permissions: { positive_upload_permissions: [{ action: 'update' }] } },
    };
    expect(checkPermission(op, role, 'main')).toMatchObject({ allowed: false });
    expect(checkPermission(createOperation('uploads.addTags'), role, 'main')).toEqual({
      allowed: true,
    });
  });
});
