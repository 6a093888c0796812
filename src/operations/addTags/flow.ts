import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = { input: { kind: 'tags', verb: 'add' }, permissionVerb: 'edit' };
export default flow;
