import type { FlowPolicy } from '../shared/flowPolicy';

const flow: FlowPolicy = {
  input: { kind: 'none' },
  permissionVerb: 'delete',
  // Which assets records still use: left out by default; with the setting on they are deleted
  // and their rows say what happens to the records using them.
  checksAssetsInUse: true,
  // The engine re-checks use per chunk unless the settings allow deleting assets in use.
  inputFromSettings: (settings) => ({ allowInUse: settings.allowDeletingInUseAssets }),
};
export default flow;
