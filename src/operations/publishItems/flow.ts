import type { FlowPolicy } from '../shared/flowPolicy';
import { publishRecordChecks } from './recordChecks';
import { refuseWithoutDraftMode } from '../shared/modelRefusals';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  permissionVerb: 'publish',
  undoNote:
    'Undo unpublishes the records this run published that were drafts before. Records that had an earlier published version are left as they are: that version cannot be restored.',
  // An invalid draft is sent: the report then names its failing fields from the API's answer.
  sendAnyway: ['INVALID_DRAFT'],
  modelRefusal: refuseWithoutDraftMode,
  recordChecks: publishRecordChecks,
};
export default flow;
