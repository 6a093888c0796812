import { useState, type KeyboardEvent } from 'react';
import { Button } from 'datocms-react-ui';
import type { BulkActionId } from '../../actions/catalog';
import type { Loadable } from '../../flow/loadable';
import { tagVerb, type BulkInput } from './bulkInput';
import type { CollectionOption } from './entityInfo';
import { addTags, suggestTags } from './tags';
import s from './bulk.module.css';

function TagsPicker(props: {
  verb: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  known: Loadable<string[]>;
  presets: readonly string[];
  /** The typed entry and its notice live in InputStep: Preview adds a pending typed tag. */
  entry: TagEntry;
}) {
  const { text, setText, notice } = props.entry;
  const known = props.known.status === 'ready' ? props.known.value : [];
  const add = (raw: string) => props.entry.add(raw);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter always answers (a blank entry gets "A tag is blank."); a comma only ends a typed tag.
    if (e.key === 'Enter' || (e.key === ',' && text.trim() !== '')) {
      e.preventDefault();
      add(text);
    }
  };
  const suggestions = suggestTags(text, { presets: props.presets, known, chosen: props.tags });
  return (
    <div className={s.field}>
      <label htmlFor="bulk-tag-input">Tags to {props.verb}</label>
      <input
        id="bulk-tag-input"
        data-testid="bulk-tag-input"
        value={text}
        autoComplete="off"
        aria-describedby="bulk-tag-hint"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id="bulk-tag-hint" className={s.hint}>
        Press Enter or type a comma to add a tag; paste several separated by commas.
      </p>
      {notice && (
        <p className={s.notice} role="status" data-testid="bulk-tag-notice">
          {notice}
        </p>
      )}
      <ul className={s.chips} aria-label="Chosen tags" data-testid="bulk-chosen-tags">
        {props.tags.map((t) => (
          <li key={t} className={s.chip}>
            {t}
            <button
              type="button"
              aria-label={`Remove tag ${t}`}
              onClick={() => props.onChange(props.tags.filter((x) => x !== t))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {suggestions.length > 0 && (
        <>
          <p className={s.hint} id="bulk-tag-suggestions-label">
            {props.known.status === 'loading' ? 'Loading tags…' : 'Suggestions (presets first)'}
          </p>
          <ul className={s.suggestions} aria-labelledby="bulk-tag-suggestions-label">
            {suggestions.map((t) => (
              <li key={t}>
                <Button buttonSize="xxs" onClick={() => add(t)}>
                  {`+ ${t}`}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type TagEntry = {
  text: string;
  setText: (text: string) => void;
  notice: string | null;
  /** Adds the entry to the chosen tags; the new list, or null when nothing could be added. */
  add: (raw: string) => string[] | null;
};

function useTagEntry(
  tags: readonly string[],
  known: Loadable<string[]>,
  onChange: (tags: string[]) => void,
): TagEntry {
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const add = (raw: string) => {
    const result = addTags(tags, raw, known.status === 'ready' ? known.value : []);
    setNotice(result.notice);
    setText('');
    if (result.tags.length === tags.length) return null;
    onChange([...result.tags]);
    return [...result.tags];
  };
  return { text, setText, notice, add };
}

/** Step 1b: what to apply (tags, target collection). */
export function InputStep(props: {
  actionId: BulkActionId;
  input: BulkInput;
  onChange: (input: BulkInput) => void;
  knownTags: Loadable<string[]>;
  presets: readonly string[];
  collections: Loadable<CollectionOption[]>;
  /** Move to stage: the model's workflow stages. */
  stages?: readonly { readonly id: string; readonly name: string }[];
  error: string | null;
  onBack: () => void;
  /** Gets the input to preview: with a tag typed but not yet added, that tag included. */
  onNext: (input: BulkInput) => void;
}) {
  const { input } = props;
  const entry = useTagEntry(input.kind === 'tags' ? input.tags : [], props.knownTags, (tags) =>
    props.onChange({ kind: 'tags', tags }),
  );
  const pending = input.kind === 'tags' && entry.text.trim() !== '';
  const next = () => {
    if (!pending) return props.onNext(input);
    // Preview adds what is typed, or stays here with the reason (blank, too long, listed twice).
    const tags = entry.add(entry.text);
    if (tags !== null) props.onNext({ kind: 'tags', tags });
  };
  const ready =
    input.kind === 'tags'
      ? input.tags.length > 0 || pending
      : input.kind === 'stage'
        ? input.stageId !== ''
        : true;
  const title =
    input.kind === 'tags'
      ? 'Choose tags'
      : input.kind === 'stage'
        ? 'Choose the stage'
        : 'Choose the collection';
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-input">
      <h2 id="bulk-step-title" className={s.title}>
        {title}
      </h2>
      {input.kind === 'tags' && (
        <TagsPicker
          verb={tagVerb(props.actionId)}
          tags={input.tags}
          onChange={(tags) => props.onChange({ kind: 'tags', tags })}
          known={props.knownTags}
          presets={props.presets}
          entry={entry}
        />
      )}
      {input.kind === 'collection' && (
        <div className={s.field}>
          <label htmlFor="bulk-collection">Move to</label>
          <select
            id="bulk-collection"
            data-testid="bulk-collection"
            value={input.collectionId ?? ''}
            onChange={(e) =>
              props.onChange({ kind: 'collection', collectionId: e.target.value || null })
            }
          >
            <option value="">No collection (root of the Media Area)</option>
            {props.collections.status === 'ready' &&
              props.collections.value.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${'\u00a0\u00a0'.repeat(c.depth)}${c.label}`}
                </option>
              ))}
          </select>
          {props.collections.status === 'error' && (
            <p role="alert" className={s.error}>
              Could not load the collections: {props.collections.message}
            </p>
          )}
        </div>
      )}
      {input.kind === 'stage' && (
        <div className={s.field}>
          <label htmlFor="bulk-stage">Move to the workflow stage</label>
          <select
            id="bulk-stage"
            data-testid="bulk-stage"
            value={input.stageId}
            onChange={(e) => props.onChange({ kind: 'stage', stageId: e.target.value })}
          >
            <option value="">Choose a stage…</option>
            {(props.stages ?? []).map((st) => (
              <option key={st.id} value={st.id}>
                {st.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.error && (
        <p role="alert" className={s.error} data-testid="bulk-input-error">
          {props.error}
        </p>
      )}
      <div className={s.actions}>
        <Button onClick={props.onBack} buttonType="muted">
          Back
        </Button>
        <Button onClick={next} buttonType="primary" disabled={!ready}>
          Preview
        </Button>
      </div>
    </section>
  );
}
