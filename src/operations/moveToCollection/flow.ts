import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = { input: { kind: 'collection' }, permissionVerb: 'move' };
export default flow;
