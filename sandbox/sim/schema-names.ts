/** The request-body types the simulator validates; each has a generated file in schemas/. */
export const SCHEMA_NAMES = [
  'UploadBulkTagSchema',
  'UploadBulkSetUploadCollectionSchema',
  'UploadBulkDestroySchema',
  'UploadUpdateSchema',
  'ItemBulkPublishSchema',
  'ItemBulkUnpublishSchema',
  'ItemBulkDestroySchema',
  'ItemBulkMoveToStageSchema',
  'ItemPublishSchema',
  'ItemUnpublishSchema',
  'UploadCollectionReorderSchema',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];
