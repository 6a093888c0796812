/** The typed confirmation of destructive runs. */

/** "delete 347 assets" (singular for one). */
export function confirmationPhrase(count: number, noun: 'asset' | 'record' = 'asset'): string {
  return `delete ${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Destructive runs on more items than the threshold need the typed phrase; 0 means always.
 * Non-destructive runs never do.
 */
export function needsTypedConfirmation(
  destructive: boolean,
  count: number,
  threshold: number,
): boolean {
  return destructive && (threshold === 0 || count > threshold);
}

/** Whitespace and case are forgiven; the number must be exact. */
export function phraseMatches(typed: string, phrase: string): boolean {
  return typed.trim().replace(/\s+/g, ' ').toLowerCase() === phrase.toLowerCase();
}
