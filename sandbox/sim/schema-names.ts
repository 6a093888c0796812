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

/** Query-string (href) types the simulator validates; generated into schemas/hrefs/. */
export const HREF_SCHEMA_NAMES = [
  'ItemInstancesHrefSchema',
  'ItemSelfHrefSchema',
  'ItemReferencesHrefSchema',
  'ItemPublishHrefSchema',
  'ItemUnpublishHrefSchema',
  'UploadInstancesHrefSchema',
  'UploadReferencesHrefSchema',
  'UploadTagInstancesHrefSchema',
  'UploadSmartTagInstancesHrefSchema',
  'UploadCollectionInstancesHrefSchema',
] as const;

export type HrefSchemaName = (typeof HREF_SCHEMA_NAMES)[number];
