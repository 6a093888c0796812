import type { OperationMeta } from '../shared/meta';

export const destroyItemsMeta = {
  id: 'items.destroy',
  surface: 'items',
  label: 'Bulk delete…',
  title: 'Bulk delete',
  icon: 'trash-alt',
  destructive: true,
  requires: { kind: 'item', action: 'delete' },
  resource: 'items',
  hasInverse: false,
} as const satisfies OperationMeta;
