import { ApiError, type Client } from '@datocms/cma-client-browser';
import { bulkCounts } from '../../cma/jobs';
import { bindList, refs, settleMaybeJob, type BindContext } from '../shared/binding';
import { metaString } from '../../cma/relationships';
import { groupBy } from '../shared/groupBy';
import { InputError, isRecord } from '../shared/inputErrors';
import type { OperationDefinition } from '../shared/types';

export type MoveToStageInput = { readonly stageId: string };

export default function createMoveItemsToStage(
  ctx: BindContext,
): OperationDefinition<MoveToStageInput> {
  const submit = (client: Client, stage: string, ids: readonly string[]) =>
    client.items.rawBulkMoveToStage({
      data: {
        type: 'item_bulk_move_to_stage_operation',
        attributes: { stage },
        relationships: { items: { data: refs('item', ids) as never } },
      },
    });
  return {
    validate: (raw, context) => {
      const stage = isRecord(raw) ? raw.stageId : undefined;
      if (typeof stage !== 'string' || stage.trim() === '')
        throw new InputError('INVALID_INPUT', 'Choose a workflow stage.');
      if (!context.stageIds?.has(stage))
        throw new InputError('UNKNOWN_STAGE', `The workflow stage “${stage}” does not exist.`);
      return { stageId: stage };
    },
    preview: (entity, input) =>
      metaString(entity, 'stage') === input.stageId
        ? { outcome: 'noop', reason: 'Already in this stage.' }
        : { outcome: 'change' },
    bind: (client: Client, input) =>
      bindList(client, {
        resource: 'items',
        submit: (ids) => submit(client, input.stageId, ids),
        isDone: (entity) => metaString(entity, 'stage') === input.stageId,
        // No per-record endpoint: a one-record bulk job. A failed job carries the error code;
        // a job that only counts the record as failed yields a generic code.
        applyOne: async (id) => {
          const payload = await settleMaybeJob(
            client,
            ctx,
            await submit(client, input.stageId, [id]),
            'move-to-stage',
          );
          const counts = bulkCounts(payload);
          if (counts && counts.failed > 0) {
            throw new ApiError({
              request: { url: 'move-to-stage', method: 'JOB', headers: {}, body: undefined },
              response: {
                status: 422,
                statusText: 'N/A',
                headers: {},
                body: {
                  data: [
                    {
                      id: 'stage',
                      type: 'api_error',
                      attributes: { code: 'MOVE_TO_STAGE_REJECTED', doc_url: '', details: {} },
                    },
                  ],
                },
              },
            });
          }
        },
      }),
    snapshot: (entity) => metaString(entity, 'stage') ?? '',
    inverse: (_input, before, succeeded) =>
      [
        ...groupBy(
          succeeded,
          (id) => (before[id] ? (before[id] as string) : undefined),
          (s) => s,
        ).values(),
      ].map((g) => ({ operationId: 'items.moveToStage', input: { stageId: g.value }, ids: g.ids })),
  };
}
