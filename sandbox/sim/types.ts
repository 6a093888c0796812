/** The simulator's in-memory project. Plain data; JSON:API shapes are built in serialize.ts. */

export type UploadRec = {
  id: string;
  filename: string;
  basename: string;
  format: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  duration: number | null;
  isImage: boolean;
  tags: string[];
  smartTags: string[];
  collectionId: string | null;
  alt: string | null;
  title: string | null;
  notes: string | null;
  author: string | null;
  copyright: string | null;
  md5: string;
  createdAt: string;
  updatedAt: string;
};

export type CollectionRec = {
  id: string;
  label: string;
  position: number;
  parentId: string | null;
};

export type FieldType =
  'string' | 'text' | 'slug' | 'float' | 'boolean' | 'file' | 'gallery' | 'link' | 'links';

export type FieldRec = {
  id: string;
  itemTypeId: string;
  apiKey: string;
  label: string;
  fieldType: FieldType;
  required: boolean;
  position: number;
  /** Target model ids of link/links fields. */
  linkedItemTypeIds: string[];
};

export type ItemTypeRec = {
  id: string;
  apiKey: string;
  name: string;
  draftModeActive: boolean;
  tree: boolean;
  sortable: boolean;
  workflowId: string | null;
  titleFieldApiKey: string | null;
};

export type WorkflowStage = {
  id: string;
  name: string;
  description: string | null;
  initial: boolean;
};

export type WorkflowRec = {
  id: string;
  name: string;
  apiKey: string;
  stages: WorkflowStage[];
};

export type ItemStatus = 'draft' | 'updated' | 'published';

export type ItemRec = {
  id: string;
  itemTypeId: string;
  /**
   * Current (draft) field values by api_key; tree records also carry parent_id and position.
   * Values are replaced, never mutated in place, so shallow copies serve as snapshots.
   */
  attributes: Record<string, unknown>;
  /** Snapshot served for `version=published`; null when never published or unpublished. */
  publishedAttributes: Record<string, unknown> | null;
  /** null for models without draft/published (draft_mode_active false). */
  status: ItemStatus | null;
  stage: string | null;
  /** Being edited by another user: writes fail with ITEM_LOCKED. */
  locked: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  firstPublishedAt: string | null;
};

export type FileValue = {
  upload_id: string;
  alt: string | null;
  title: string | null;
  custom_data: Record<string, unknown>;
  focal_point: { x: number; y: number } | null;
};
