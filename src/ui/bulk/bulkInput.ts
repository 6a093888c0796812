/** What the input step collects, as the operation takes it, and how the preview names it. */
import type { BulkActionId } from '../../actions/catalog';
import { flowPolicyFor } from '../../operations/flowPolicies';
import type { InputKind } from '../../operations/shared/flowPolicy';

export type BulkInput =
  | { kind: 'tags'; tags: string[] }
  | { kind: 'collection'; collectionId: string | null }
  | { kind: 'stage'; stageId: string }
  | { kind: 'none' };

export function initialInput(kind: InputKind): BulkInput {
  if (kind.kind === 'tags') return { kind: 'tags', tags: [] };
  if (kind.kind === 'collection') return { kind: 'collection', collectionId: null };
  if (kind.kind === 'stage') return { kind: 'stage', stageId: '' };
  return { kind: 'none' };
}

export function operationInput(input: BulkInput): unknown {
  if (input.kind === 'tags') return { tags: input.tags };
  if (input.kind === 'collection') return { collectionId: input.collectionId };
  if (input.kind === 'stage') return { stageId: input.stageId };
  return {};
}

export const tagVerb = (actionId: BulkActionId) => {
  const { input } = flowPolicyFor(actionId);
  return input.kind === 'tags' ? input.verb : 'add';
};

/** The preview's line naming the tags the run adds or removes; null for other inputs. */
export function tagsSummary(actionId: BulkActionId, input: BulkInput): string | null {
  return input.kind === 'tags' ? `Tags to ${tagVerb(actionId)}: ${input.tags.join(', ')}` : null;
}
