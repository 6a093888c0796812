/** Tag entry for the tags pickers: trimming, de-duplication, case-only-difference warnings. */
import { MAX_TAG_LENGTH, validateTags } from '../../operations/shared/tags';

export type TagEntryResult = {
  readonly tags: readonly string[];
  /** Shown next to the picker; null when the entry was clean. */
  readonly notice: string | null;
};

/** Splits a typed or pasted entry on commas and new lines, trims each part, drops blanks. */
export function splitEntry(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * Adds what the user typed to the chosen tags. Exact and case-insensitive duplicates of a chosen
 * tag are dropped (DatoCMS treats tags case-sensitively, but two tags differing only in case are
 * almost always a mistake); a tag that differs only in case from an existing project tag is
 * added as typed, with a warning.
 */
export function addTags(
  chosen: readonly string[],
  raw: string,
  known: readonly string[] = [],
): TagEntryResult {
  const tags = [...chosen];
  const notices: string[] = [];
  const knownByKey = new Map(known.map((k) => [k.toLowerCase(), k]));
  const entered = splitEntry(raw);
  // Nothing but spaces and commas: say so in the validator's own words instead of doing nothing.
  if (entered.length === 0) return { tags, notice: blankTagMessage() };
  for (const tag of entered) {
    if (tag.length > MAX_TAG_LENGTH) {
      notices.push(`“${tag.slice(0, 20)}…” is longer than ${MAX_TAG_LENGTH} characters.`);
      continue;
    }
    const twin = tags.find((t) => t.toLowerCase() === tag.toLowerCase());
    if (twin !== undefined) {
      notices.push(
        twin === tag
          ? `“${tag}” is already in the list.`
          : `“${tag}” differs only in case from “${twin}”, already in the list.`,
      );
      continue;
    }
    const existing = knownByKey.get(tag.toLowerCase());
    if (existing !== undefined && existing !== tag)
      notices.push(
        `“${tag}” differs only in case from the existing tag “${existing}”: they are different tags.`,
      );
    tags.push(tag);
  }
  return { tags, notice: notices.length ? notices.join(' ') : null };
}

function blankTagMessage(): string {
  try {
    validateTags({ tags: [' '] });
  } catch (e) {
    if (e instanceof Error) return e.message;
  }
  return 'A tag is blank.';
}

/** Suggestions for a partial entry: presets first, then project tags; chosen ones left out. */
export function suggestTags(
  query: string,
  options: { presets: readonly string[]; known: readonly string[]; chosen: readonly string[] },
  limit = 8,
): string[] {
  const needle = query.trim().toLowerCase();
  const chosen = new Set(options.chosen.map((t) => t.toLowerCase()));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of [...options.presets, ...options.known]) {
    const key = tag.toLowerCase();
    if (seen.has(key) || chosen.has(key)) continue;
    if (needle && !key.includes(needle)) continue;
    seen.add(key);
    out.push(tag);
    if (out.length >= limit) break;
  }
  return out;
}
