/**
 * The bulk flow's scope: the selection, or every asset or record matching a filter. What the
 * filter sends to the CMA, in which locale, and what it resolves to.
 */
import type { Selection } from '../engine/selection';
import type { RecordModel } from '../ui/bulk/recordModel';
import {
  matchingRecordSelection,
  scopeLocale,
  toItemFilter,
  type RecordScopeFilter,
} from '../ui/bulk/recordScopeFilter';
import { matchingSelection, toUploadFilter, type ScopeFilter } from '../ui/bulk/scopeFilter';
import type { Loadable } from './loadable';

export type ScopeMode = 'selected' | 'matching';

/** The exact count of "all matching", for the filter it was counted with. */
export type MatchCount = { filterKey: string; count: Loadable<number> } | null;

/** The filters of both surfaces; the model (records) says which one applies. */
export type ScopeFilters = {
  readonly model: RecordModel | null;
  readonly filter: ScopeFilter;
  readonly recordFilter: RecordScopeFilter;
};

/** Names the filter a count was made with (a count of another filter is stale). */
export function filterKeyOf(s: ScopeFilters): string {
  return JSON.stringify(s.model ? s.recordFilter : s.filter);
}

export function excludesSelected(s: ScopeFilters): boolean {
  return s.model ? s.recordFilter.excludeSelected : s.filter.excludeSelected;
}

export function listFilter(s: ScopeFilters): Record<string, unknown> {
  return s.model
    ? toItemFilter(s.recordFilter, s.model.id, s.model.fields)
    : toUploadFilter(s.filter);
}

/** Records: the locale text and localized fields are matched in. */
export function listLocale(s: ScopeFilters): string | undefined {
  return s.model ? scopeLocale(s.recordFilter, s.model.fields) : undefined;
}

export function scopeSelection(s: ScopeFilters, selectedIds: readonly string[]): Selection {
  return s.model
    ? matchingRecordSelection(s.recordFilter, s.model.id, s.model.fields, selectedIds)
    : matchingSelection(s.filter, selectedIds);
}
