import type { OperationMeta } from '../shared/meta';

export const moveItemsToStageMeta = {
  id: 'items.moveToStage',
  surface: 'items',
  label: 'Move to workflow stage…',
  title: 'Move to workflow stage',
  icon: 'stream',
  destructive: false,
  requires: { kind: 'item', action: 'move_to_stage' },
  resource: 'items',
  hasInverse: true,
} as const satisfies OperationMeta;
