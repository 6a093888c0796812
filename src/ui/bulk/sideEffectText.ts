import { fieldName } from '../../operations/shared/records/linkFields';
import { quoteList, type SideEffect } from './recordChecks';

/** "3 linking records will be unpublished too (…)" / "Links in 12 records will be removed (…)". */
export function sideEffectSentence(e: SideEffect, names: ReadonlyMap<string, string>): string {
  const n = e.records.length;
  const list = quoteList(
    e.records.map((id) => names.get(id) ?? id),
    n,
    3,
  );
  const field = `“${fieldName(e.field)}”`;
  return e.kind === 'unpublish'
    ? `${n} linking ${n === 1 ? 'record' : 'records'} will be unpublished too, as the field ${field} asks: ${list}.`
    : `Links in ${n} ${n === 1 ? 'record' : 'records'} will be removed from the field ${field}: ${list}.`;
}
