import type { FlowPolicy } from '../shared/flowPolicy';
import { unpublishRecordChecks } from './recordChecks';
import { refuseWithoutDraftMode } from '../shared/modelRefusals';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  permissionVerb: 'unpublish',
  undoNote:
    'Undo publishes again the records this run unpublished that were published with no newer draft. Records that had a newer draft are left as drafts: publishing them would put that draft live, not the version that was.',
  modelRefusal: refuseWithoutDraftMode,
  recordChecks: unpublishRecordChecks,
};
export default flow;
