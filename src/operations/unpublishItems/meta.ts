import type { OperationMeta } from '../shared/meta';

export const unpublishItemsMeta = {
  id: 'items.unpublish',
  surface: 'items',
  label: 'Bulk unpublish…',
  title: 'Bulk unpublish',
  icon: 'cloud-download-alt',
  destructive: false,
  requires: { kind: 'item', action: 'publish' },
  resource: 'items',
  hasInverse: true,
} as const satisfies OperationMeta;
