/** "All assets matching": the scope form's values, turned into a GET /uploads filter. */
import type { Selection } from '../../engine/selection';

export const ASSET_TYPES = [
  ['image', 'Images'],
  ['video', 'Videos'],
  ['audio', 'Audio'],
  ['pdfdocument', 'PDF documents'],
  ['richtext', 'Text documents'],
  ['spreadsheet', 'Spreadsheets'],
  ['presentation', 'Presentations'],
  ['archive', 'Archives'],
  ['other', 'Other files'],
] as const;

export type ScopeFilter = {
  /** One tag the assets must have; '' = any. */
  readonly tag: string;
  /** '' = any collection, 'root' = in no collection, else a collection id. */
  readonly collection: string;
  /** '' = any type. */
  readonly type: string;
  /** '' = either, 'true' / 'false'. */
  readonly inUse: '' | 'true' | 'false';
  /** Free text (filename, title, alt, notes). */
  readonly query: string;
  /** Leave out the assets selected in the Media Area. */
  readonly excludeSelected: boolean;
};

export const EMPTY_FILTER: ScopeFilter = {
  tag: '',
  collection: '',
  type: '',
  inUse: '',
  query: '',
  excludeSelected: false,
};

/** The `filter` of GET /uploads (DatoCMS spelling). */
export function toUploadFilter(f: ScopeFilter): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (f.tag.trim()) fields.tags = { contains: f.tag.trim() };
  if (f.collection === 'root') fields.upload_collection = { exists: false };
  else if (f.collection) fields.upload_collection = { eq: f.collection };
  if (f.type) fields.type = { eq: f.type };
  if (f.inUse) fields.in_use = { eq: f.inUse === 'true' };
  const filter: Record<string, unknown> = {};
  if (f.query.trim()) filter.query = f.query.trim();
  if (Object.keys(fields).length) filter.fields = fields;
  return filter;
}

export function isEmptyFilter(f: ScopeFilter): boolean {
  return Object.keys(toUploadFilter(f)).length === 0;
}

/** The engine's selection for the form: one query, with its exclude list. */
export function matchingSelection(f: ScopeFilter, selectedIds: readonly string[]): Selection {
  return {
    resource: 'uploads',
    queries: [{ filter: toUploadFilter(f), exclude: f.excludeSelected ? [...selectedIds] : [] }],
  };
}
