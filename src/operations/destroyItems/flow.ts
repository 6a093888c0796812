import type { FlowPolicy } from '../shared/flowPolicy';
import { destroyRecordChecks } from './recordChecks';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  permissionVerb: 'delete',
  recordChecks: destroyRecordChecks,
};
export default flow;
