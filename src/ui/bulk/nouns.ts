/** What the modal calls the things an action touches: assets in the Media Area, records elsewhere. */
import type { ActionSurface } from '../../actions/catalog';

export type Noun = { readonly one: string; readonly many: string };

export const ASSET: Noun = { one: 'asset', many: 'assets' };
export const RECORD: Noun = { one: 'record', many: 'records' };

export function nounFor(surface: ActionSurface): Noun {
  return surface === 'uploads' ? ASSET : RECORD;
}

/** "1 asset", "3 records". */
export function counted(n: number, noun: Noun, format = false): string {
  return `${format ? n.toLocaleString('en') : n} ${n === 1 ? noun.one : noun.many}`;
}
