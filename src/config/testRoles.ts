import type { RoleLike } from './permissions';

/** Roles shaped like DatoCMS `final_permissions`, for unit tests. */
export const adminRole: RoleLike = {
  id: 'admin',
  meta: {
    final_permissions: {
      can_edit_schema: true,
      can_manage_upload_collections: true,
      positive_item_type_permissions: [{ action: 'all', item_type: null, environment: 'main' }],
      negative_item_type_permissions: [],
      positive_upload_permissions: [{ action: 'all', environment: 'main' }],
      negative_upload_permissions: [],
    },
  },
};

export const editorRole: RoleLike = {
  id: 'editor',
  meta: {
    final_permissions: {
      can_edit_schema: false,
      can_manage_upload_collections: false,
      positive_item_type_permissions: [
        { action: 'read', item_type: null, environment: 'main' },
        { action: 'update', item_type: null, environment: 'main' },
        { action: 'create', item_type: null, environment: 'main' },
      ],
      negative_item_type_permissions: [],
      positive_upload_permissions: [
        { action: 'read', environment: 'main' },
        { action: 'update', environment: 'main' },
      ],
      negative_upload_permissions: [],
    },
  },
};
