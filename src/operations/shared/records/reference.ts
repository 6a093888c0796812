/** One link from a record to another, and whether removing it empties a required field. */
import type { LinkField } from './linkFields';

/** One link from a record (the referrer) to a target, and the other links beside it. */
export type Reference = {
  readonly referrer: string;
  readonly target: string;
  readonly field: LinkField;
  /** Ids in the same field value (same locale, same block) besides the target. */
  readonly others: readonly string[];
};

/** Removing a link empties a required field: DatoCMS cannot apply `delete_references`. */
export const emptiesRequired = (r: Reference, removed: ReadonlySet<string>) =>
  r.field.required && r.others.every((o) => removed.has(o));
