import { Button, Spinner } from 'datocms-react-ui';
import { ASSET_TYPES, isEmptyFilter, type ScopeFilter } from './scopeFilter';
import { counted as countNoun, type Noun } from './nouns';
import type { CollectionOption, EntityInfo } from './session';
import s from './bulk.module.css';

export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

export type ScopeMode = 'selected' | 'matching';

/** The exact count of "all matching", for the filter it was counted with. */
export type MatchCount = { filterKey: string; count: Loadable<number> } | null;

function MatchingForm(props: {
  filter: ScopeFilter;
  onFilter: (f: ScopeFilter) => void;
  collections: Loadable<CollectionOption[]>;
  selectedCount: number;
}) {
  const { filter } = props;
  const set = (patch: Partial<ScopeFilter>) => props.onFilter({ ...filter, ...patch });
  return (
    <fieldset className={s.step} data-testid="bulk-scope-filter">
      <legend className="sr-only">Filter</legend>
      <div className={s.field}>
        <label htmlFor="bulk-scope-tag">Has the tag</label>
        <input
          id="bulk-scope-tag"
          value={filter.tag}
          autoComplete="off"
          onChange={(e) => set({ tag: e.target.value })}
        />
      </div>
      <div className={s.field}>
        <label htmlFor="bulk-scope-collection">In the collection</label>
        <select
          id="bulk-scope-collection"
          value={filter.collection}
          onChange={(e) => set({ collection: e.target.value })}
        >
          <option value="">Any collection</option>
          <option value="root">No collection</option>
          {props.collections.status === 'ready' &&
            props.collections.value.map((c) => (
              <option key={c.id} value={c.id}>
                {`${'\u00a0\u00a0'.repeat(c.depth)}${c.label}`}
              </option>
            ))}
        </select>
      </div>
      <div className={s.field}>
        <label htmlFor="bulk-scope-type">Type</label>
        <select
          id="bulk-scope-type"
          value={filter.type}
          onChange={(e) => set({ type: e.target.value })}
        >
          <option value="">Any type</option>
          {ASSET_TYPES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className={s.field}>
        <label htmlFor="bulk-scope-in-use">In use by records</label>
        <select
          id="bulk-scope-in-use"
          value={filter.inUse}
          onChange={(e) => set({ inUse: e.target.value as ScopeFilter['inUse'] })}
        >
          <option value="">Either</option>
          <option value="true">In use</option>
          <option value="false">Not in use</option>
        </select>
      </div>
      <div className={s.field}>
        <label htmlFor="bulk-scope-query">Text (filename, title, alt, notes)</label>
        <input
          id="bulk-scope-query"
          value={filter.query}
          autoComplete="off"
          onChange={(e) => set({ query: e.target.value })}
        />
      </div>
      <label>
        <input
          type="checkbox"
          checked={filter.excludeSelected}
          onChange={(e) => set({ excludeSelected: e.target.checked })}
        />{' '}
        Leave out the {props.selectedCount} selected{' '}
        {props.selectedCount === 1 ? 'asset' : 'assets'}
      </label>
    </fieldset>
  );
}

/**
 * Step 1: what the run will touch — the selection, or (assets only, for now) every asset
 * matching a filter.
 */
export function ScopeStep(props: {
  noun: Noun;
  /** Offer "all matching a filter" (the filter form is the Media Area's). */
  allowMatching: boolean;
  count: number;
  sample: Loadable<EntityInfo[]>;
  mode: ScopeMode;
  onMode: (mode: ScopeMode) => void;
  filter: ScopeFilter;
  onFilter: (f: ScopeFilter) => void;
  collections: Loadable<CollectionOption[]>;
  matchCount: MatchCount;
  filterKey: string;
  onCount: () => void;
  busy: boolean;
  error: string | null;
  onNext: () => void;
  onClose: () => void;
}) {
  const { count, sample, mode, matchCount } = props;
  const counted = matchCount?.filterKey === props.filterKey ? matchCount.count : null;
  const canNext =
    mode === 'selected'
      ? count > 0
      : counted?.status === 'ready' && counted.value > 0 && !isEmptyFilter(props.filter);
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-scope">
      <h2 id="bulk-step-title" className={s.title}>
        Scope
      </h2>
      {props.allowMatching ? (
        <div role="radiogroup" aria-label={`Which ${props.noun.many}`} className={s.step}>
          <label>
            <input
              type="radio"
              name="bulk-scope-mode"
              checked={mode === 'selected'}
              onChange={() => props.onMode('selected')}
            />{' '}
            <span data-testid="bulk-scope-count">
              <strong>{count.toLocaleString('en')}</strong>{' '}
              {count === 1 ? props.noun.one : props.noun.many} selected
            </span>
          </label>
          <label>
            <input
              type="radio"
              name="bulk-scope-mode"
              checked={mode === 'matching'}
              onChange={() => props.onMode('matching')}
            />{' '}
            All {props.noun.many} matching a filter
          </label>
        </div>
      ) : (
        <p data-testid="bulk-scope-count">{countNoun(count, props.noun, true)} selected</p>
      )}
      {mode === 'selected' ? (
        sample.status === 'loading' ? (
          <Spinner size={24} />
        ) : sample.status === 'error' ? (
          <p role="alert" className={s.error}>
            Could not load the selection: {sample.message}
          </p>
        ) : (
          <ul className={s.sample} aria-label="First selected">
            {sample.value.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ul>
        )
      ) : (
        <>
          <MatchingForm
            filter={props.filter}
            onFilter={props.onFilter}
            collections={props.collections}
            selectedCount={count}
          />
          <div className={s.actions} style={{ justifyContent: 'flex-start' }}>
            <Button
              onClick={props.onCount}
              buttonType="primary"
              disabled={isEmptyFilter(props.filter)}
            >
              Count matching assets
            </Button>
            <p data-testid="bulk-match-count" aria-live="polite" className={s.hint}>
              {isEmptyFilter(props.filter)
                ? 'Set at least one filter.'
                : counted === null
                  ? 'Count the matching assets before going on.'
                  : counted.status === 'loading'
                    ? 'Counting…'
                    : counted.status === 'error'
                      ? `Could not count: ${counted.message}`
                      : `${counted.value.toLocaleString('en')} ${counted.value === 1 ? 'asset matches' : 'assets match'}${props.filter.excludeSelected ? ', the selected ones left out' : ''}.`}
            </p>
          </div>
        </>
      )}
      {props.error && (
        <p role="alert" className={s.error} data-testid="bulk-scope-error">
          {props.error}
        </p>
      )}
      <div className={s.actions}>
        <Button onClick={props.onClose} buttonType="muted">
          Close
        </Button>
        <Button onClick={props.onNext} buttonType="primary" disabled={!canNext || props.busy}>
          Next
        </Button>
      </div>
    </section>
  );
}
