import type { OperationMeta } from '../shared/meta';

export const reorderCollectionsMeta = {
  id: 'uploadCollections.reorder',
  surface: 'uploads',
  label: 'Reorder collections…',
  title: 'Reorder collections',
  icon: 'sitemap',
  destructive: false,
  requires: { kind: 'site', flag: 'can_manage_upload_collections' },
  resource: 'uploadCollections',
  hasInverse: true,
} as const satisfies OperationMeta;
