import type { OperationMeta } from '../shared/meta';

export const clearNotesMeta = {
  id: 'uploads.clearNotes',
  surface: 'uploads',
  label: 'Clear notes…',
  title: 'Clear notes',
  icon: 'eraser',
  // Undo puts every asset's own notes back, so this is an edit, not a destruction.
  destructive: false,
  requires: { kind: 'upload', action: 'update' },
  resource: 'uploads',
  hasInverse: true,
} as const satisfies OperationMeta;
