/** Builders for uploads and records, used by the demo seed and the /__sim seeding endpoints. */
import type { Store } from '../store';
import type {
  BlockValue,
  DastNode,
  ItemRec,
  ItemStatus,
  StructuredTextValue,
  UploadRec,
} from '../types';
import type { Random } from './random';

export const UPLOAD_KINDS = [
  'image',
  'video',
  'audio',
  'pdf',
  'document',
  'spreadsheet',
  'presentation',
  'archive',
] as const;

export type UploadKind = (typeof UPLOAD_KINDS)[number];

const FORMATS: Record<UploadKind, [format: string, mime: string][]> = {
  image: [
    ['jpg', 'image/jpeg'],
    ['jpg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
    ['svg', 'image/svg+xml'],
  ],
  video: [
    ['mp4', 'video/mp4'],
    ['mov', 'video/quicktime'],
    ['webm', 'video/webm'],
  ],
  audio: [
    ['mp3', 'audio/mpeg'],
    ['wav', 'audio/wav'],
  ],
  pdf: [['pdf', 'application/pdf']],
  document: [['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']],
  spreadsheet: [['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']],
  presentation: [
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ],
  archive: [['zip', 'application/zip']],
};

const SIZE_RANGES: Record<UploadKind, [number, number]> = {
  image: [40_000, 8_000_000],
  video: [2_000_000, 250_000_000],
  audio: [500_000, 20_000_000],
  pdf: [80_000, 25_000_000],
  document: [20_000, 3_000_000],
  spreadsheet: [15_000, 4_000_000],
  presentation: [300_000, 40_000_000],
  archive: [100_000, 90_000_000],
};

const RESOLUTIONS: [number, number][] = [
  [1920, 1080],
  [1080, 1080],
  [1200, 800],
  [800, 1200],
  [3840, 2160],
  [640, 480],
  [2048, 1365],
];

export type UploadInput = {
  kind?: UploadKind;
  basename?: string;
  tags?: string[];
  smartTags?: string[];
  collectionId?: string | null;
  size?: number;
  alt?: string | null;
  title?: string | null;
  notes?: string | null;
  createdAt?: string;
};

export function buildUpload(store: Store, random: Random, input: UploadInput = {}): UploadRec {
  const id = store.nextUploadId();
  const kind = input.kind ?? 'image';
  const [format, mimeType] = random.pick(FORMATS[kind]);
  const basename = input.basename ?? `asset-${id}`;
  const [minSize, maxSize] = SIZE_RANGES[kind];
  const isImage = kind === 'image';
  const [width, height] = isImage || kind === 'video' ? random.pick(RESOLUTIONS) : [null, null];
  const createdAt = input.createdAt ?? new Date().toISOString();
  const tags = [...new Set(input.tags ?? [])];
  tags.forEach((tag) => store.ensureTag(tag));
  return {
    id,
    filename: `${basename}.${format}`,
    basename,
    format,
    mimeType,
    size: input.size ?? random.int(minSize, maxSize),
    width,
    height,
    duration: kind === 'video' || kind === 'audio' ? random.int(5, 600) : null,
    isImage,
    tags,
    smartTags: input.smartTags ?? [],
    collectionId: input.collectionId ?? null,
    alt: input.alt ?? null,
    title: input.title ?? null,
    notes: input.notes ?? null,
    author: null,
    copyright: null,
    md5: md5Like(random),
    createdAt,
    updatedAt: createdAt,
  };
}

function md5Like(random: Random): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += random.int(0, 15).toString(16);
  return out;
}

export type ItemInput = {
  attributes: Record<string, unknown>;
  /** Ignored (forced to null) for models without draft/published. */
  status?: ItemStatus;
  /** The live version of an `updated` record; defaults to a copy of `attributes`. */
  publishedAttributes?: Record<string, unknown>;
  stage?: string | null;
  locked?: boolean;
  createdAt?: string;
};

export function buildItem(store: Store, itemTypeId: string, input: ItemInput): ItemRec {
  const itemType = store.itemTypes.get(itemTypeId);
  if (!itemType) throw new Error(`unknown model ${itemTypeId}`);
  const id = store.nextItemId();
  const createdAt = input.createdAt ?? new Date().toISOString();
  const attributes: Record<string, unknown> = {};
  for (const field of store.fieldsOf(itemTypeId)) {
    const empty = emptyValue(field.fieldType);
    attributes[field.apiKey] =
      input.attributes[field.apiKey] ??
      (field.localized
        ? Object.fromEntries(store.locales.map((locale) => [locale, empty]))
        : empty);
  }
  if (itemType.tree) {
    attributes.parent_id = input.attributes.parent_id ?? null;
    attributes.position = input.attributes.position ?? 1;
  }
  const status = itemType.draftModeActive ? (input.status ?? 'draft') : null;
  const live = status === 'published' || status === 'updated';
  const workflow = itemType.workflowId ? store.workflows.get(itemType.workflowId) : undefined;
  const initialStage = workflow?.stages.find((stage) => stage.initial)?.id ?? null;
  return {
    id,
    itemTypeId,
    attributes,
    publishedAttributes: live ? { ...attributes, ...(input.publishedAttributes ?? {}) } : null,
    status,
    stage: workflow ? (input.stage ?? initialStage) : null,
    locked: input.locked ?? false,
    version: status === 'updated' ? 2 : 1,
    createdAt,
    updatedAt: createdAt,
    publishedAt: live || status === null ? createdAt : null,
    firstPublishedAt: live || status === null ? createdAt : null,
  };
}

function emptyValue(fieldType: string): unknown {
  return fieldType === 'gallery' || fieldType === 'links' || fieldType === 'rich_text' ? [] : null;
}

/** A block of `itemTypeId` (a block model), with a fresh `b…` id. */
export function buildBlock(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
): BlockValue {
  const values: Record<string, unknown> = {};
  for (const field of store.fieldsOf(itemTypeId)) {
    values[field.apiKey] = attributes[field.apiKey] ?? emptyValue(field.fieldType);
  }
  return { id: store.nextBlockId(), item_type: itemTypeId, attributes: values };
}

/** A structured-text value: a DAST root with these children. */
export function dast(children: DastNode[]): StructuredTextValue {
  return { schema: 'dast', document: { type: 'root', children } };
}

export function paragraph(text: string): DastNode {
  return { type: 'paragraph', children: [{ type: 'span', value: text }] };
}

export function fileValue(uploadId: string) {
  return { upload_id: uploadId, alt: null, title: null, custom_data: {}, focal_point: null };
}
