import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  permissionVerb: 'edit',
  undoNote: 'Undo puts back the notes each asset had before this run.',
};
export default flow;
