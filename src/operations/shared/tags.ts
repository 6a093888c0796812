import { InputError, isRecord } from './inputErrors';

/** DatoCMS shows tags as chips; longer ones are almost certainly a paste mistake. */
export const MAX_TAG_LENGTH = 64;

export type TagsInput = { readonly tags: readonly string[] };

/** Trims tags and rejects empty lists, blank, duplicate (case-insensitive) and over-long tags. */
export function validateTags(raw: unknown): TagsInput {
  if (!isRecord(raw) || !Array.isArray(raw.tags))
    throw new InputError('INVALID_INPUT', 'Tags must be a list.');
  if (raw.tags.length === 0) throw new InputError('EMPTY_TAGS', 'Enter at least one tag.');
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of raw.tags) {
    if (typeof value !== 'string') throw new InputError('INVALID_INPUT', 'Tags must be text.');
    const tag = value.trim();
    if (tag === '') throw new InputError('BLANK_TAG', 'A tag is blank.');
    if (tag.length > MAX_TAG_LENGTH)
      throw new InputError(
        'TAG_TOO_LONG',
        `The tag “${tag.slice(0, 20)}…” is longer than ${MAX_TAG_LENGTH} characters.`,
      );
    const key = tag.toLowerCase();
    if (seen.has(key)) throw new InputError('DUPLICATE_TAG', `The tag “${tag}” is listed twice.`);
    seen.add(key);
    tags.push(tag);
  }
  return { tags };
}

export function tagsOf(entity: { attributes?: Record<string, unknown> } | undefined): string[] {
  const tags = entity?.attributes?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}
