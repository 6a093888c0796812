/** How the record checks name records in their reasons and notes. */
import type { RecordFact } from './recordFact';

/** “A” and “B”, or “A”, “B” and 3 more. */
export function quoteList(names: readonly string[], total: number, show = 2): string {
  const shown = names.slice(0, show).map((n) => `“${n}”`);
  const more = total - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(' and ');
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The records’ names, quoted: “A” and “B”, or “A”, “B” and 3 more. */
export const names = (ids: readonly string[], facts: ReadonlyMap<string, RecordFact>) =>
  quoteList(
    ids.map((id) => facts.get(id)?.name ?? id),
    ids.length,
  );
