import type { ReactNode } from 'react';
import { Button, Spinner } from 'datocms-react-ui';
import { ASSET_TYPES, type ScopeFilter } from './scopeFilter';
import { ASSET, counted as countNoun, type Noun } from './nouns';
import type { CollectionOption, EntityInfo } from './entityInfo';
import type { Loadable } from '../../flow/loadable';
import type { MatchCount, ScopeMode } from '../../flow/bulkScope';
import s from './bulk.module.css';

/** "Leave out the N selected …": the scope's exclude list. */
export function ExcludeSelected(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  count: number;
  noun: Noun;
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />{' '}
      Leave out the {props.count} selected {props.count === 1 ? props.noun.one : props.noun.many}
    </label>
  );
}

/** The Media Area's filter: tag, collection, type, in use, text. */
export function UploadMatchingForm(props: {
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
      <ExcludeSelected
        checked={filter.excludeSelected}
        onChange={(excludeSelected) => set({ excludeSelected })}
        count={props.selectedCount}
        noun={ASSET}
      />
    </fieldset>
  );
}

/** "All … matching": the form, and whether it is complete enough to count. */
export type MatchingScope = {
  readonly label: string;
  readonly form: ReactNode;
  /** Null when the form can be counted, else what is missing. */
  readonly missing: string | null;
  readonly excludeSelected: boolean;
};

/** Step 1: what the run will touch — the selection, or every asset/record matching a filter. */
export function ScopeStep(props: {
  noun: Noun;
  /** Offer "all matching a filter"; null = the selection only. */
  matching: MatchingScope | null;
  count: number;
  sample: Loadable<EntityInfo[]>;
  mode: ScopeMode;
  onMode: (mode: ScopeMode) => void;
  matchCount: MatchCount;
  filterKey: string;
  onCount: () => void;
  busy: boolean;
  error: string | null;
  onNext: () => void;
  onClose: () => void;
}) {
  const { count, sample, mode, matchCount, matching, noun } = props;
  const counted = matchCount?.filterKey === props.filterKey ? matchCount.count : null;
  const canNext =
    mode === 'selected'
      ? count > 0
      : counted?.status === 'ready' && counted.value > 0 && matching?.missing === null;
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-scope">
      <h2 id="bulk-step-title" className={s.title}>
        Scope
      </h2>
      {matching ? (
        <div role="radiogroup" aria-label={`Which ${noun.many}`} className={s.step}>
          <label>
            <input
              type="radio"
              name="bulk-scope-mode"
              checked={mode === 'selected'}
              onChange={() => props.onMode('selected')}
            />{' '}
            <span data-testid="bulk-scope-count">
              <strong>{count.toLocaleString('en')}</strong> {count === 1 ? noun.one : noun.many}{' '}
              selected
            </span>
          </label>
          <label>
            <input
              type="radio"
              name="bulk-scope-mode"
              checked={mode === 'matching'}
              onChange={() => props.onMode('matching')}
            />{' '}
            {matching.label}
          </label>
        </div>
      ) : (
        <p data-testid="bulk-scope-count">{countNoun(count, noun, true)} selected</p>
      )}
      {mode === 'selected' || !matching ? (
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
          {matching.form}
          <div className={s.actions} style={{ justifyContent: 'flex-start' }}>
            <Button
              onClick={props.onCount}
              buttonType="primary"
              disabled={matching.missing !== null}
            >
              Count matching {noun.many}
            </Button>
            <p data-testid="bulk-match-count" aria-live="polite" className={s.hint}>
              {matching.missing !== null
                ? matching.missing
                : counted === null
                  ? `Count the matching ${noun.many} before going on.`
                  : counted.status === 'loading'
                    ? 'Counting…'
                    : counted.status === 'error'
                      ? `Could not count: ${counted.message}`
                      : `${counted.value.toLocaleString('en')} ${counted.value === 1 ? `${noun.one} matches` : `${noun.many} match`}${matching.excludeSelected ? ', the selected ones left out' : ''}.`}
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
