import { useSyncExternalStore } from 'react';
import { hostLog, type HostLogEntry } from '../log';

const SHOWN = 200;

function summarize(args: unknown[]): string {
  const text = args
    .map((arg) => {
      if (Array.isArray(arg)) return `[${arg.length} items]`;
      const json = JSON.stringify(arg) ?? 'undefined';
      return json.length > 120 ? `${json.slice(0, 117)}…` : json;
    })
    .join(', ');
  return text;
}

function outcome(entry: HostLogEntry): string {
  if (entry.outcome === 'pending') return '…';
  if (entry.outcome === 'ok' || entry.outcome === undefined) return 'ok';
  return `error: ${entry.outcome.error}`;
}

/** "Plugin calls": every call between host and plugin, newest first (also window.__hostLog). */
export function LogPanel() {
  const entries = useSyncExternalStore(hostLog.subscribe, hostLog.getSnapshot);
  const pluginCalls = entries.filter((e) => e.dir === 'plugin→host').length;
  return (
    <details className="log" data-testid="host-log">
      <summary>
        Plugin calls <span data-testid="host-log-count">({pluginCalls})</span>
      </summary>
      <button type="button" className="button button--muted" onClick={() => hostLog.clear()}>
        Clear
      </button>
      <ol reversed className="log-list">
        {entries
          .slice(-SHOWN)
          .reverse()
          .map((entry) => (
            <li
              key={entry.seq}
              data-testid="host-log-entry"
              data-method={entry.method}
              data-dir={entry.dir}
            >
              <code>
                {entry.dir === 'plugin→host' ? '⇠' : '⇢'} {entry.frame} {entry.method}(
                {summarize(entry.args)}) {outcome(entry)}
              </code>
            </li>
          ))}
      </ol>
    </details>
  );
}
