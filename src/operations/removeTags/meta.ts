import type { OperationMeta } from '../shared/meta';

export const removeTagsMeta = {
  id: 'uploads.removeTags',
  surface: 'uploads',
  label: 'Remove tags…',
  title: 'Remove tags',
  icon: 'tag',
  destructive: false,
  requires: { kind: 'upload', action: 'update' },
  resource: 'uploads',
  hasInverse: true,
} as const satisfies OperationMeta;
