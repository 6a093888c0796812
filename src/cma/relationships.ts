import type { RawEntity } from './fetchByIds';

/** The id of a to-one relationship (`relationships.x.data.id`), or null. */
export function relId(entity: RawEntity | undefined, name: string): string | null {
  const data = entity?.relationships?.[name]?.data as { id?: unknown } | null | undefined;
  return data && typeof data.id === 'string' ? data.id : null;
}

export function metaString(entity: RawEntity | undefined, key: string): string | null {
  const value = entity?.meta?.[key];
  return typeof value === 'string' ? value : null;
}
