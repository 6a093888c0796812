import { useCallback, type ReactNode } from 'react';
import { Button, Spinner } from 'datocms-react-ui';
import type { BulkActionId } from '../../actions/catalog';
import { flowPolicyFor } from '../../operations/flowPolicies';
import { useLoad } from '../hooks/useLoad';
import { counted, nounFor } from './nouns';
import type { RecordModel } from './recordModel';
import type { BulkSession } from './session';

/**
 * Reads the collection's model first: publish and unpublish need draft/published, move to stage
 * needs a workflow. For the others, a clear message instead of a run where every record fails.
 */
export function ModelGate(props: {
  session: BulkSession;
  actionId: BulkActionId;
  /** Read the workflow's stages too (stage moves, stage-bound rules). */
  withStages: boolean;
  itemTypeId: string | null;
  count: number;
  onClose: () => void;
  children: (model: RecordModel | null) => ReactNode;
}) {
  const { session, itemTypeId, withStages } = props;
  const model = useLoad(
    useCallback(
      () => (itemTypeId ? session.loadModel(itemTypeId, withStages) : Promise.resolve(null)),
      [session, itemTypeId, withStages],
    ),
  );
  if (model.status === 'loading') return <Spinner size={24} />;
  if (model.status === 'error')
    return (
      <>
        <p role="alert">Could not read the model: {model.message}</p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  const refusal = model.value
    ? (flowPolicyFor(props.actionId).modelRefusal?.({
        draftMode: model.value.draftMode,
        hasWorkflow: model.value.workflowId !== null && model.value.stages.length > 0,
      }) ?? null)
    : null;
  if (refusal)
    return (
      <>
        <p data-testid="bulk-scope-count">
          {counted(props.count, nounFor('items'), true)} selected
        </p>
        <p role="status" data-testid="bulk-model-refusal">
          {refusal}
        </p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  return <>{props.children(model.value)}</>;
}
