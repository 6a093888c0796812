/** GET /uploads filtering: filter[ids], filter[query], filter[fields] (snake_case GraphQL-like). */
import {
  badFilter,
  condition,
  idList,
  record,
  sortByParam,
  str,
  type FieldKind,
  type Predicate,
  type Query,
} from './query';
import type { ListingOptions } from './item-filter';
import { uploadPath } from './serialize';
import type { Store } from './store';
import type { UploadRec } from './types';

/** The GraphQL upload `type` enum, derived from the MIME type. */
export function uploadType(upload: UploadRec): string {
  const mime = upload.mimeType;
  if (upload.isImage) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime === 'application/pdf') return 'pdfdocument';
  if (mime.includes('wordprocessingml')) return 'richtext';
  if (mime.includes('spreadsheetml')) return 'spreadsheet';
  if (mime.includes('presentationml')) return 'presentation';
  if (mime === 'application/zip') return 'archive';
  return 'other';
}

export const UPLOAD_TYPES = [
  'image',
  'audio',
  'video',
  'pdfdocument',
  'richtext',
  'spreadsheet',
  'presentation',
  'archive',
  'other',
];

type Accessor = [FieldKind, (upload: UploadRec, store: Store) => unknown];

const FIELDS: Record<string, Accessor> = {
  id: ['ref', (u) => u.id],
  type: ['ref', (u) => uploadType(u)],
  tags: ['list', (u) => u.tags],
  smart_tags: ['list', (u) => u.smartTags],
  in_use: ['boolean', (u, store) => store.isInUse(u.id)],
  upload_collection: ['ref', (u) => u.collectionId],
  mime_type: ['string', (u) => u.mimeType],
  format: ['string', (u) => u.format],
  filename: ['string', (u) => u.filename],
  basename: ['string', (u) => u.basename],
  path: ['string', (u) => uploadPath(u)],
  alt: ['string', (u) => u.alt],
  title: ['string', (u) => u.title],
  notes: ['string', (u) => u.notes],
  author: ['string', (u) => u.author],
  copyright: ['string', (u) => u.copyright],
  md5: ['string', (u) => u.md5],
  size: ['number', (u) => u.size],
  width: ['number', (u) => u.width],
  height: ['number', (u) => u.height],
  _created_at: ['date', (u) => u.createdAt],
  _updated_at: ['date', (u) => u.updatedAt],
};

function fieldPredicates(store: Store, fields: Record<string, unknown>): Predicate<UploadRec>[] {
  return Object.entries(fields).map(([name, conditions]) => {
    const accessor = FIELDS[name];
    if (!accessor) {
      throw badFilter(`filter[fields][${name}]: unknown upload field`, {
        supported: Object.keys(FIELDS),
      });
    }
    const [kind, read] = accessor;
    if (name === 'type') {
      for (const value of Object.values(record(conditions)).flat()) {
        if (!UPLOAD_TYPES.includes(String(value))) {
          throw badFilter(`filter[fields][type]: unknown type "${String(value)}"`, {
            supported: UPLOAD_TYPES,
          });
        }
      }
    }
    return condition<UploadRec>(`filter[fields][${name}]`, kind, conditions, (u) => read(u, store));
  });
}

function textMatch(upload: UploadRec, needle: string): boolean {
  return [upload.filename, upload.basename, upload.title, upload.alt, upload.notes].some(
    (value) => value !== null && value.toLowerCase().includes(needle),
  );
}

export function filterUploads(store: Store, query: Query, options: ListingOptions): UploadRec[] {
  const filter = record(query.filter);
  const ids = idList(filter.ids);
  const text = str(filter.query)?.trim().toLowerCase();
  const predicates = fieldPredicates(store, record(filter.fields));
  const source = ids
    ? ids.map((id) => store.uploads.get(id)).filter((u): u is UploadRec => u !== undefined)
    : [...store.uploads.values()];
  const matching = source.filter(
    (upload) =>
      (!text || textMatch(upload, text)) && predicates.every((predicate) => predicate(upload)),
  );
  // No order_by: no defined order (RawApiTypes gives none), ids lists included.
  const newestFirst = (a: UploadRec, b: UploadRec) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
  if (query.order_by === undefined || query.order_by === '') {
    return options.unordered(matching, newestFirst);
  }
  return sortByParam(
    matching,
    query.order_by,
    {
      _created_at: (u) => u.createdAt,
      _updated_at: (u) => u.updatedAt,
      size: (u) => u.size,
      filename: (u) => u.filename.toLowerCase(),
      basename: (u) => u.basename.toLowerCase(),
      id: (u) => u.id,
    },
    // Ties: newest first (unverified).
    newestFirst,
  );
}
