import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from '../../cma/fetchByIds';
import { bindList, requestOne, type BindContext } from '../shared/binding';
import { InputError, isRecord } from '../shared/inputErrors';
import type { OperationDefinition } from '../shared/types';

/**
 * Clears the notes of assets; its inverse writes each asset's previous notes back. There is no
 * bulk endpoint for notes: one `PUT /uploads/:id` per asset that has notes (202 + job).
 */
export type ClearNotesInput = {
  /** Undo: the notes to write back, per asset id. Absent: clear them. */
  readonly restore?: Readonly<Record<string, string>>;
};

const notesOf = (entity: RawEntity | undefined): string | null => {
  const notes = entity?.attributes?.notes;
  return typeof notes === 'string' && notes !== '' ? notes : null;
};

function validate(raw: unknown): ClearNotesInput {
  if (!isRecord(raw)) throw new InputError('INVALID_INPUT', 'Nothing to clear.');
  if (raw.restore === undefined) return {};
  const restore = raw.restore;
  if (!isRecord(restore) || Object.values(restore).some((v) => typeof v !== 'string'))
    throw new InputError('INVALID_INPUT', 'The notes to restore must be text, per asset.');
  return { restore: restore as Record<string, string> };
}

export default function createClearNotes(ctx: BindContext): OperationDefinition<ClearNotesInput> {
  const target = (input: ClearNotesInput, id: string) => input.restore?.[id] ?? null;
  const put = (id: string, notes: string | null) => ({
    method: 'PUT' as const,
    url: `/uploads/${id}`,
    body: { data: { type: 'upload', id, attributes: { notes } } },
  });
  return {
    validate,
    preview: (entity, input) => {
      if (!entity) return { outcome: 'change' };
      const want = target(input, entity.id);
      if (notesOf(entity) === want)
        return { outcome: 'noop', reason: want === null ? 'Has no notes.' : 'Has these notes.' };
      return { outcome: 'change' };
    },
    bind: (client: Client, input) =>
      bindList(client, {
        mode: 'perItem',
        resource: 'uploads',
        submit: () => Promise.reject(new Error('clearNotes has no bulk endpoint')),
        isDone: (entity) => notesOf(entity) === target(input, entity.id),
        applyOne: async (id) => {
          await requestOne(client, ctx, put(id, target(input, id)));
        },
        // The scheduler re-reads the chunk afterwards, so the PUT's job need not be polled.
        sendOne: async (id) => {
          await client.request(put(id, target(input, id)));
        },
      }),
    snapshot: (entity) => notesOf(entity),
    inverse: (_input, before, succeeded) => {
      const restore: Record<string, string> = {};
      for (const id of succeeded) {
        const notes = before[id];
        if (typeof notes === 'string') restore[id] = notes;
      }
      const ids = Object.keys(restore);
      return ids.length === 0
        ? []
        : [{ operationId: 'uploads.clearNotes', input: { restore }, ids }];
    },
  };
}
