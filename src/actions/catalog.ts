/**
 * The one place where the plugin's bulk actions are declared. It is imported by the boot
 * frame, so it holds plain data only: no React, no CMA client, no operation logic.
 */

export type ActionSurface = 'uploads' | 'items';

/** What the role must be allowed to do for the action to be offered. */
export type RequiredPermission =
  | { kind: 'upload'; action: 'update' | 'delete' | 'move' }
  | { kind: 'item'; action: 'publish' | 'delete' | 'move_to_stage' }
  | { kind: 'site'; flag: 'can_manage_upload_collections' };

export type BulkActionId =
  | 'uploads.addTags'
  | 'uploads.removeTags'
  | 'uploads.moveToCollection'
  | 'uploads.destroy'
  | 'uploadCollections.reorder'
  | 'items.publish'
  | 'items.unpublish'
  | 'items.destroy'
  | 'items.moveToStage';

export type BulkActionDefinition = {
  readonly id: BulkActionId;
  readonly surface: ActionSurface;
  /** Label in the batch menu; DatoCMS requires labels to be unique per menu. */
  readonly label: string;
  /** FontAwesome icon name, as the SDK expects. */
  readonly icon: string;
  /** Destroys data: shown in red, and gated by the destructive-roles setting. */
  readonly destructive: boolean;
  readonly requires: RequiredPermission;
};

export const BULK_ACTIONS: readonly BulkActionDefinition[] = [
  {
    id: 'uploads.addTags',
    surface: 'uploads',
    label: 'Add tags…',
    icon: 'tags',
    destructive: false,
    requires: { kind: 'upload', action: 'update' },
  },
  {
    id: 'uploads.removeTags',
    surface: 'uploads',
    label: 'Remove tags…',
    icon: 'tag',
    destructive: false,
    requires: { kind: 'upload', action: 'update' },
  },
  {
    id: 'uploads.moveToCollection',
    surface: 'uploads',
    label: 'Move to collection…',
    icon: 'folder-open',
    destructive: false,
    // Moving between collections has its own upload action since March 2026 ("Permissions for
    // Asset Collections"; RawApiTypes RoleUploadPermissionMove).
    requires: { kind: 'upload', action: 'move' },
  },
  {
    id: 'uploads.destroy',
    surface: 'uploads',
    label: 'Delete assets…',
    icon: 'trash-alt',
    destructive: true,
    requires: { kind: 'upload', action: 'delete' },
  },
  {
    id: 'uploadCollections.reorder',
    surface: 'uploads',
    label: 'Reorder collections…',
    icon: 'sitemap',
    destructive: false,
    requires: { kind: 'site', flag: 'can_manage_upload_collections' },
  },
  {
    id: 'items.publish',
    surface: 'items',
    label: 'Bulk publish…',
    icon: 'cloud-upload-alt',
    destructive: false,
    requires: { kind: 'item', action: 'publish' },
  },
  {
    id: 'items.unpublish',
    surface: 'items',
    label: 'Bulk unpublish…',
    icon: 'cloud-download-alt',
    destructive: false,
    requires: { kind: 'item', action: 'publish' },
  },
  {
    id: 'items.destroy',
    surface: 'items',
    label: 'Bulk delete…',
    icon: 'trash-alt',
    destructive: true,
    requires: { kind: 'item', action: 'delete' },
  },
  {
    id: 'items.moveToStage',
    surface: 'items',
    label: 'Move to workflow stage…',
    icon: 'stream',
    destructive: false,
    requires: { kind: 'item', action: 'move_to_stage' },
  },
];

export function findAction(id: string): BulkActionDefinition | undefined {
  return BULK_ACTIONS.find((action) => action.id === id);
}
