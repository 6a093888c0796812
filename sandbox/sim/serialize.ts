/** JSON:API shapes as in @datocms/cma-client's RawApiTypes, built from the store's plain records. */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import { isBlockValue } from './content';
import type { Store } from './store';
import type {
  BlockValue,
  CollectionRec,
  DastNode,
  FieldRec,
  ItemRec,
  ItemTypeRec,
  UploadRec,
  WorkflowRec,
} from './types';

export const SITE_ID = '4242';
const CREATOR = { type: 'account' as const, id: '1001' };

export function serializeUpload(
  store: Store,
  upload: UploadRec,
  origin: string,
): RawApiTypes.Upload {
  // Field-keyed metadata, one entry per site locale; the simulator keeps alt/title in the main one.
  const perLocale = <T>(main: T, other: (locale: string) => T) =>
    Object.fromEntries(
      store.locales.map((locale) => [locale, locale === store.mainLocale ? main : other(locale)]),
    );
  const isVideo = upload.mimeType.startsWith('video/');
  return {
    type: 'upload',
    id: upload.id,
    attributes: {
      size: upload.size,
      width: upload.width,
      height: upload.height,
      path: uploadPath(upload),
      basename: upload.basename,
      filename: upload.filename,
      // Served by the simulator itself (a placeholder), so the sandbox works offline.
      url: `${origin}/__sim/assets/${upload.id}/${encodeURIComponent(upload.filename)}`,
      format: upload.format,
      author: upload.author,
      copyright: upload.copyright,
      notes: upload.notes,
      md5: upload.md5,
      duration: upload.duration,
      frame_rate: isVideo ? 30 : null,
      blurhash: null,
      thumbhash: null,
      mux_playback_id: isVideo ? `mux${upload.id}` : null,
      mux_mp4_highest_res: isVideo ? 'high' : null,
      default_field_metadata: {
        alt: perLocale(upload.alt, (locale) => upload.metadata?.[locale]?.alt ?? null),
        title: perLocale(upload.title, (locale) => upload.metadata?.[locale]?.title ?? null),
        custom_data: perLocale({}, () => ({})),
        focal_point: null,
        poster_time: null,
      },
      is_image: upload.isImage,
      created_at: upload.createdAt,
      updated_at: upload.updatedAt,
      mime_type: upload.mimeType,
      tags: [...upload.tags],
      smart_tags: [...upload.smartTags],
      exif_info: {},
      colors: [],
    },
    relationships: {
      upload_collection: {
        data: upload.collectionId ? { type: 'upload_collection', id: upload.collectionId } : null,
      },
      creator: { data: upload.creator ?? CREATOR },
    },
    meta: { antivirus: { status: 'clean', checked_at: upload.createdAt, threat_name: null } },
  };
}

export function uploadPath(upload: UploadRec): string {
  return `/${SITE_ID}/${upload.id}-${upload.filename}`;
}

export function serializeCollection(
  store: Store,
  collection: CollectionRec,
): RawApiTypes.UploadCollection {
  return {
    type: 'upload_collection',
    id: collection.id,
    attributes: { label: collection.label, position: collection.position },
    relationships: {
      parent: {
        data: collection.parentId ? { type: 'upload_collection', id: collection.parentId } : null,
      },
      children: {
        data: store
          .childCollections(collection.id)
          .map((child) => ({ type: 'upload_collection' as const, id: child.id })),
      },
    },
  };
}

export type ItemView = { version?: 'current' | 'published'; nested?: boolean };

export function serializeItem(
  store: Store,
  item: ItemRec,
  view: ItemView | 'current' | 'published' = {},
): RawApiTypes.Item {
  const { version = 'current', nested = false } =
    typeof view === 'string' ? { version: view } : view;
  const itemType = store.itemTypes.get(item.itemTypeId);
  const valid = store.isValid(item);
  const attributes =
    version === 'published' && item.publishedAttributes
      ? item.publishedAttributes
      : item.attributes;
  return {
    type: 'item',
    id: item.id,
    attributes: serializeAttributes(store, item.itemTypeId, attributes, nested),
    relationships: {
      item_type: { data: { type: 'item_type', id: item.itemTypeId } },
      creator: { data: item.creator ?? CREATOR },
    },
    meta: {
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      published_at: item.publishedAt,
      first_published_at: item.firstPublishedAt,
      publication_scheduled_at: null,
      unpublishing_scheduled_at: null,
      status: item.status,
      is_valid: valid,
      is_current_version_valid: valid,
      is_published_version_valid: item.publishedAttributes ? true : null,
      current_version: `${item.id}-v${item.version}`,
      stage: store.workflowsEnabled ? item.stage : null,
      has_children: itemType?.tree ? store.childrenOf(item.id).length > 0 : null,
    },
  } as RawApiTypes.Item;
}

/** A block record: an item of a block model, without publication state of its own. */
export function serializeBlock(store: Store, block: BlockValue, nested: boolean): RawApiTypes.Item {
  return {
    type: 'item',
    id: block.id,
    attributes: serializeAttributes(store, block.item_type, block.attributes, nested),
    relationships: { item_type: { data: { type: 'item_type', id: block.item_type } } },
  } as unknown as RawApiTypes.Item;
}

/**
 * Field values as the API sends them: blocks as their ids, or as full block records with
 * `nested` (agent-skills `block-records-and-modular-content.md`, "Response modes").
 */
function serializeAttributes(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
  nested: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attributes };
  for (const field of store.fieldsOf(itemTypeId)) {
    if (!['rich_text', 'single_block', 'structured_text'].includes(field.fieldType)) continue;
    const value = attributes[field.apiKey];
    const one = (entry: unknown) => serializeBlockField(store, field, entry, nested);
    out[field.apiKey] =
      field.localized && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([locale, entry]) => [locale, one(entry)]))
        : one(value);
  }
  return out;
}

function serializeBlockField(store: Store, field: FieldRec, value: unknown, nested: boolean) {
  const block = (entry: unknown) =>
    isBlockValue(entry) ? (nested ? serializeBlock(store, entry, true) : entry.id) : entry;
  if (field.fieldType === 'rich_text') return Array.isArray(value) ? value.map(block) : value;
  if (field.fieldType === 'single_block') return value == null ? null : block(value);
  const doc = value as { schema: string; document: DastNode } | null;
  if (!doc?.document) return value;
  const node = (entry: DastNode): DastNode => ({
    ...entry,
    ...((entry.type === 'block' || entry.type === 'inlineBlock') && entry.item !== undefined
      ? { item: block(entry.item) as DastNode['item'] }
      : {}),
    ...(entry.children ? { children: entry.children.map(node) } : {}),
  });
  return { ...doc, document: node(doc.document) };
}

export function serializeItemType(store: Store, itemType: ItemTypeRec): RawApiTypes.ItemType {
  const fields = store.fieldsOf(itemType.id);
  const titleField = fields.find((field) => field.apiKey === itemType.titleFieldApiKey);
  const fieldRef = (field: FieldRec | undefined) =>
    field ? { type: 'field' as const, id: field.id } : null;
  return {
    type: 'item_type',
    id: itemType.id,
    attributes: {
      name: itemType.name,
      api_key: itemType.apiKey,
      collection_appearance: 'table',
      singleton: false,
      all_locales_required: true,
      sortable: itemType.sortable,
      modular_block: itemType.modularBlock,
      draft_mode_active: itemType.draftModeActive,
      draft_saving_active: false,
      tree: itemType.tree,
      ordering_direction: null,
      ordering_meta: null,
      has_singleton_item: false,
      hint: null,
      inverse_relationships_enabled: false,
    },
    relationships: {
      singleton_item: { data: null },
      fields: { data: fields.map((field) => ({ type: 'field' as const, id: field.id })) },
      fieldsets: { data: [] },
      presentation_title_field: { data: fieldRef(titleField) },
      presentation_image_field: { data: null },
      title_field: { data: fieldRef(titleField) },
      image_preview_field: { data: null },
      excerpt_field: { data: null },
      ordering_field: { data: null },
      workflow: {
        data:
          itemType.workflowId && store.workflowsEnabled
            ? { type: 'workflow', id: itemType.workflowId }
            : null,
      },
    },
    meta: { has_singleton_item: false },
  };
}

const EDITORS: Record<FieldRec['fieldType'], string> = {
  string: 'single_line',
  text: 'textarea',
  slug: 'slug',
  float: 'float',
  boolean: 'boolean',
  file: 'file',
  gallery: 'gallery',
  link: 'link_select',
  links: 'links_select',
  rich_text: 'rich_text',
  single_block: 'framed_single_block',
  structured_text: 'structured_text',
};

const STRATEGY_KEYS = {
  onDelete: 'on_reference_delete_strategy',
  onUnpublish: 'on_reference_unpublish_strategy',
} as const;

/** The link validator with the strategies stored on the field (absent keys stay absent). */
function linkValidator(field: FieldRec): Record<string, unknown> {
  const validator: Record<string, unknown> = { item_types: field.linkedItemTypeIds };
  for (const [key, name] of Object.entries(STRATEGY_KEYS)) {
    const value = field.linkStrategies[key as keyof typeof STRATEGY_KEYS];
    if (value !== undefined) validator[name] = value;
  }
  return validator;
}

export function serializeField(field: FieldRec) {
  const validators: Record<string, unknown> = {};
  if (field.required) validators.required = {};
  if (field.fieldType === 'link') validators.item_item_type = linkValidator(field);
  if (field.fieldType === 'links') validators.items_item_type = linkValidator(field);
  if (field.fieldType === 'rich_text') {
    validators.rich_text_blocks = { item_types: field.blockItemTypeIds };
  }
  if (field.fieldType === 'single_block') {
    validators.single_block_blocks = { item_types: field.blockItemTypeIds };
  }
  if (field.fieldType === 'structured_text') {
    validators.structured_text_blocks = { item_types: field.blockItemTypeIds };
    validators.structured_text_inline_blocks = { item_types: [] };
    validators.structured_text_links = linkValidator(field);
  }
  return {
    type: 'field' as const,
    id: field.id,
    attributes: {
      label: field.label,
      field_type: field.fieldType,
      localized: field.localized,
      default_value: null,
      api_key: field.apiKey,
      hint: null,
      validators,
      appearance: { editor: EDITORS[field.fieldType], parameters: {}, addons: [] },
      position: field.position,
      deep_filtering_enabled: false,
      content_link_enabled: false,
    },
    relationships: {
      item_type: { data: { type: 'item_type' as const, id: field.itemTypeId } },
      fieldset: { data: null },
    },
  };
}

export function serializeWorkflow(workflow: WorkflowRec): RawApiTypes.Workflow {
  return {
    type: 'workflow',
    id: workflow.id,
    attributes: {
      name: workflow.name,
      api_key: workflow.apiKey,
      stages: workflow.stages.map((stage) => ({
        ...stage,
      })) as RawApiTypes.Workflow['attributes']['stages'],
    },
  };
}

export function serializeSite(store: Store) {
  return {
    type: 'site' as const,
    id: SITE_ID,
    attributes: {
      name: 'Bulk Actions demo (simulator)',
      domain: null,
      google_maps_api_token: null,
      imgix_host: 'www.datocms-assets.com',
      internal_domain: 'bulk-actions-demo.admin.datocms.com',
      locales: [...store.locales],
      timezone: 'Europe/Rome',
      no_index: true,
      favicon: null,
      last_data_change_at: null,
      require_2fa: false,
      ip_tracking_enabled: false,
      force_use_of_sandbox_environments: false,
      theme: { type: 'monochromatic' as const, hue: 210, logo: null },
      global_seo: null,
    },
    relationships: {
      account: { data: CREATOR },
      owner: { data: CREATOR },
      item_types: {
        data: [...store.itemTypes.values()].map((itemType) => ({
          type: 'item_type' as const,
          id: itemType.id,
        })),
      },
    },
    meta: {
      created_at: '2024-01-15T09:00:00.000Z',
      draft_mode_default: true,
      improved_timezone_management: true,
      improved_hex_management: true,
    },
  };
}
