import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = { input: { kind: 'tags', verb: 'remove' }, permissionVerb: 'edit' };
export default flow;
