import type { OperationMeta } from '../shared/meta';

export const moveToCollectionMeta = {
  id: 'uploads.moveToCollection',
  surface: 'uploads',
  label: 'Move to collection…',
  title: 'Move to collection',
  icon: 'folder-open',
  destructive: false,
  // Moving between collections has its own upload action since March 2026 ("Permissions for
  // Asset Collections"; RawApiTypes RoleUploadPermissionMove).
  requires: { kind: 'upload', action: 'move' },
  resource: 'uploads',
  hasInverse: true,
} as const satisfies OperationMeta;
