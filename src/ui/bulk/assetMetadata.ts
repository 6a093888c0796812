/** The metadata of assets about to be deleted, as a file to keep before they are gone. */
import type { RawEntity } from '../../cma/fetchByIds';
import { toCsv } from '../../ledger/csv';

const COLUMNS = [
  'id',
  'filename',
  'url',
  'mime_type',
  'size',
  'width',
  'height',
  'tags',
  'upload_collection',
  'author',
  'copyright',
  'notes',
  'default_field_metadata',
  'created_at',
] as const;

function cell(entity: RawEntity, column: (typeof COLUMNS)[number]): string {
  if (column === 'id') return entity.id;
  if (column === 'upload_collection') {
    const data = entity.relationships?.upload_collection?.data as { id?: string } | null;
    return data?.id ?? '';
  }
  const value = entity.attributes?.[column];
  if (value === null || value === undefined) return '';
  if (column === 'tags' && Array.isArray(value)) return value.join('; ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function assetMetadataFile(
  entities: readonly RawEntity[],
  format: 'csv' | 'json',
  stamp: string,
): { name: string; type: string; text: string } {
  if (format === 'json')
    return {
      name: `assets-before-delete-${stamp}.json`,
      type: 'application/json',
      // The raw JSON:API records: everything the CMA returned, to restore by hand if needed.
      text: JSON.stringify(entities, null, 2),
    };
  return {
    name: `assets-before-delete-${stamp}.csv`,
    type: 'text/csv',
    text: toCsv(
      COLUMNS,
      entities.map((e) => COLUMNS.map((c) => cell(e, c))),
    ),
  };
}

/** Records about to be deleted, as raw JSON:API records (every field value, to restore by hand). */
export function recordsFile(
  entities: readonly RawEntity[],
  stamp: string,
): { name: string; type: string; text: string } {
  return {
    name: `records-before-delete-${stamp}.json`,
    type: 'application/json',
    text: JSON.stringify(entities, null, 2),
  };
}
