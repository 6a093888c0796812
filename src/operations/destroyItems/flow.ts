import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = { input: { kind: 'none' }, permissionVerb: 'delete' };
export default flow;
