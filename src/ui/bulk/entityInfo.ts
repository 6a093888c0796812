/** How the bulk modal shows what it reads: an asset or record by name, collections as a tree. */
import type { RawEntity } from '../../cma/fetchByIds';
import { recordName } from '../../operations/shared/records/recordFact';

export type CollectionOption = {
  readonly id: string;
  readonly label: string;
  readonly depth: number;
};
/** How the modal names an asset (its filename) or a record (its title, else its id). */
export type EntityInfo = {
  readonly id: string;
  readonly name: string;
  readonly thumbnail: string | null;
};

export function assetInfo(entity: RawEntity): EntityInfo {
  const a = entity.attributes ?? {};
  const url = typeof a.url === 'string' ? a.url : null;
  const isImage = a.is_image === true;
  return {
    id: entity.id,
    name: typeof a.filename === 'string' ? a.filename : entity.id,
    thumbnail: isImage && url ? `${url}?w=64&h=64&fit=crop` : null,
  };
}

/** A record's title (or name), else its id; localized values use their first locale. */
export function recordInfo(entity: RawEntity): EntityInfo {
  return { id: entity.id, name: recordName(entity), thumbnail: null };
}

/** Orders collections as a tree (parents before children) with their depth. */
export function collectionOptions(entities: readonly RawEntity[]): CollectionOption[] {
  const byParent = new Map<string | null, RawEntity[]>();
  for (const e of entities) {
    const parent =
      (e.relationships?.parent?.data as { id?: string } | null | undefined)?.id ?? null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), e]);
  }
  const out: CollectionOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort(
      (a, b) => Number(a.attributes?.position ?? 0) - Number(b.attributes?.position ?? 0),
    );
    for (const c of children) {
      out.push({ id: c.id, label: String(c.attributes?.label ?? c.id), depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
