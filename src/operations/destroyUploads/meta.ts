import type { OperationMeta } from '../shared/meta';

export const destroyUploadsMeta = {
  id: 'uploads.destroy',
  surface: 'uploads',
  label: 'Delete assets…',
  title: 'Delete assets',
  icon: 'trash-alt',
  destructive: true,
  requires: { kind: 'upload', action: 'delete' },
  resource: 'uploads',
  hasInverse: false,
} as const satisfies OperationMeta;
