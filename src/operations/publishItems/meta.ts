import type { OperationMeta } from '../shared/meta';

export const publishItemsMeta = {
  id: 'items.publish',
  surface: 'items',
  label: 'Bulk publish…',
  title: 'Bulk publish',
  icon: 'cloud-upload-alt',
  destructive: false,
  requires: { kind: 'item', action: 'publish' },
  resource: 'items',
  hasInverse: true,
} as const satisfies OperationMeta;
