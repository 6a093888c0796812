import type { FlowPolicy } from '../shared/flowPolicy';
import { moveToStageRecordChecks } from './recordChecks';

const flow: FlowPolicy = {
  input: { kind: 'stage' },
  permissionVerb: 'move',
  movesBetweenStages: true,
  undoNote: 'Undo moves every record this run moved back to the stage it was in.',
  modelRefusal: (model) =>
    model.hasWorkflow
      ? null
      : 'This model has no workflow, so its records have no stages to move between.',
  recordChecks: moveToStageRecordChecks,
};
export default flow;
