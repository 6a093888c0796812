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
  /** Alt and title in the main locale. */
  alt: string | null;
  title: string | null;
  /** Alt and title in the other locales. */
  metadata?: Record<string, { alt?: string | null; title?: string | null }>;
  notes: string | null;
  author: string | null;
  copyright: string | null;
  md5: string;
  /** Who created it; null = the project owner's account (role rules' `on_creator`). */
  creator?: CreatorRef | null;
  createdAt: string;
  updatedAt: string;
};

/** A `creator` relationship: `user`, `account`, `sso_user`, `access_token` or `organization`. */
export type CreatorRef = { type: 'account' | 'user' | 'sso_user' | 'access_token'; id: string };

export type CollectionRec = {
  id: string;
  label: string;
  position: number;
  parentId: string | null;
};

export type FieldType =
  | 'string'
  | 'text'
  | 'slug'
  | 'float'
  | 'boolean'
  | 'file'
  | 'gallery'
  | 'link'
  | 'links'
  | 'rich_text'
  | 'single_block'
  | 'structured_text';

/** `on_reference_delete_strategy` of a link validator (RawApiTypes field validators). */
export type DeleteStrategy = 'fail' | 'delete_references';
/** `on_reference_unpublish_strategy` of a link validator. */
export type UnpublishStrategy = 'fail' | 'unpublish' | 'delete_references';

/**
 * The strategies as stored on the field: a key left out is not sent by GET /fields (the API's
 * defaults then apply: see `effectiveStrategies`).
 */
export type LinkStrategies = {
  onDelete?: DeleteStrategy;
  onUnpublish?: UnpublishStrategy;
};

export type FieldRec = {
  id: string;
  itemTypeId: string;
  apiKey: string;
  label: string;
  fieldType: FieldType;
  required: boolean;
  /** Value is an object keyed by locale ({ en, fr }). */
  localized: boolean;
  position: number;
  /**
   * Target model ids of link/links fields (`item_item_type` / `items_item_type`), and of the
   * itemLink/inlineItem nodes of a structured-text field (`structured_text_links`).
   */
  linkedItemTypeIds: string[];
  /** Strategies of that link validator. */
  linkStrategies: LinkStrategies;
  /** Allowed block models of rich_text / single_block / structured_text fields. */
  blockItemTypeIds: string[];
};

export type ItemTypeRec = {
  id: string;
  apiKey: string;
  name: string;
  /** A block model: its records live only inside other records' block fields. */
  modularBlock: boolean;
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
  /** Who created it; null = the project owner's account (role rules' `on_creator`). */
  creator?: CreatorRef | null;
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

/**
 * A block stored inline in its parent's field value (rich_text array, single_block, or the `item`
 * of a structured-text `block`/`inlineBlock` node). Served as its id, or in full with `nested`.
 */
export type BlockValue = {
  id: string;
  /** Block model id. */
  item_type: string;
  attributes: Record<string, unknown>;
};

/** A structured-text value: a DAST document (see datocms-structured-text-utils). */
export type StructuredTextValue = { schema: 'dast'; document: DastNode };

export type DastNode = {
  type: string;
  children?: DastNode[];
  /** `block` / `inlineBlock`: the block; `itemLink` / `inlineItem`: a record id. */
  item?: BlockValue | string;
  value?: string;
  [key: string]: unknown;
};
