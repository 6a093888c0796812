/** The little the record checks need to know of a record, read from its CMA answer. */
import type { RawEntity } from '../../../cma/fetchByIds';
import type { Creator } from '../../../config/itemPermissions';

export type RecordStatus = 'draft' | 'updated' | 'published' | null;

/** The little the checks need to know of a record. */
export type RecordFact = {
  readonly id: string;
  readonly name: string;
  /** The record's model. */
  readonly itemTypeId?: string;
  /** Who created it (null: not recorded; absent: not read). */
  readonly creator?: Creator | null;
  readonly status: RecordStatus;
  readonly stage: string | null;
  /** Tree models: the parent record. */
  readonly parentId: string | null;
  /** Records its link and links fields point at. */
  readonly links: readonly string[];
};

function firstText(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) return firstText(Object.values(v)[0]);
  return null;
}

function idsIn(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  // Localized fields: one value per locale.
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

/** A record's display name: its title or name (the first locale's when localized), else its id. */
export function recordName(entity: RawEntity): string {
  const a = entity.attributes ?? {};
  return firstText(a.title) ?? firstText(a.name) ?? entity.id;
}

/** An entity's creator (null: none recorded; undefined: the answer has no creator). */
export function creatorOf(entity: RawEntity): Creator | null | undefined {
  const rel = entity.relationships?.creator;
  if (!rel) return undefined;
  const data = rel.data as { type?: unknown; id?: unknown } | null;
  return data && typeof data.type === 'string' && typeof data.id === 'string'
    ? { type: data.type, id: data.id }
    : null;
}

export function recordFact(entity: RawEntity, linkFields: readonly string[] = []): RecordFact {
  const a = entity.attributes ?? {};
  const meta = entity.meta ?? {};
  const status = meta.status;
  const parent = a.parent_id;
  const itemTypeId = (entity.relationships?.item_type?.data as { id?: string } | null | undefined)
    ?.id;
  const creator = creatorOf(entity);
  return {
    id: entity.id,
    name: recordName(entity),
    ...(itemTypeId ? { itemTypeId } : {}),
    ...(creator !== undefined ? { creator } : {}),
    status: status === 'draft' || status === 'updated' || status === 'published' ? status : null,
    stage: typeof meta.stage === 'string' ? meta.stage : null,
    parentId: typeof parent === 'string' && parent !== '' ? parent : null,
    links: [...new Set(linkFields.flatMap((key) => idsIn(a[key])))],
  };
}

/** A record with a live version (published, or published with a newer draft). */
export const isLive = (f: RecordFact | undefined): boolean =>
  f?.status === 'published' || f?.status === 'updated';
