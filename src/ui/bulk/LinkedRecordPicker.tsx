import { useEffect, useState } from 'react';
import type { EntityInfo } from './entityInfo';
import { messageOf } from '../../engine/messageOf';

export type FindRecords = (targets: readonly string[], text: string) => Promise<EntityInfo[]>;

/**
 * The value of a link-field condition: search the linked models' records by title and pick one,
 * instead of typing a record id.
 */
export function LinkedRecordPicker(props: {
  label: string;
  targets: readonly string[];
  value: string;
  onChange: (id: string) => void;
  find: FindRecords;
}) {
  const { targets, find } = props;
  const [text, setText] = useState('');
  const [found, setFound] = useState<EntityInfo[] | null>(null);
  const [chosen, setChosen] = useState<EntityInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const targetsKey = targets.join(',');
  useEffect(() => {
    let live = true;
    // Waits for a pause in typing: one request per search, not per key.
    const timer = setTimeout(() => {
      find(targetsKey ? targetsKey.split(',') : [], text).then(
        (records) => {
          if (!live) return;
          setFound(records);
          setError(null);
        },
        (e: unknown) => live && setError(`Could not search the records: ${messageOf(e)}`),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, targetsKey, find]);
  const options =
    chosen && chosen.id === props.value && !found?.some((r) => r.id === chosen.id)
      ? [chosen, ...(found ?? [])]
      : (found ?? []);
  const placeholder =
    found === null ? 'Searching…' : found.length === 0 ? 'No records found' : 'Choose a record…';
  return (
    <>
      <input
        type="search"
        aria-label={`Find ${props.label} records`}
        placeholder="Search by title…"
        value={text}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      <select
        aria-label={`${props.label} value`}
        value={props.value}
        onChange={(e) => {
          const id = e.target.value;
          setChosen(options.find((r) => r.id === id) ?? null);
          props.onChange(id);
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
