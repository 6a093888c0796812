import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  modal: 'collectionTree',
  undoNote: 'Undo puts back the previous positions and parents of the collections this run moved.',
};
export default flow;
