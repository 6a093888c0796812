import type { OperationMeta } from '../shared/meta';

export const addTagsMeta = {
  id: 'uploads.addTags',
  surface: 'uploads',
  label: 'Add tags…',
  title: 'Add tags',
  icon: 'tags',
  destructive: false,
  requires: { kind: 'upload', action: 'update' },
  resource: 'uploads',
  hasInverse: true,
} as const satisfies OperationMeta;
