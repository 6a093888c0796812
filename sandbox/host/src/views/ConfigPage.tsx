import { useHost } from '../host';
import { changeSettings } from '../ctx';
import { useHostState } from '../store';
import { PluginFrame } from './PluginFrame';

const NO_EXTRA_PROPS = {};

/** Settings → Plugins → Bulk Actions: the plugin's config screen and what the host stored. */
export function ConfigPage() {
  const { store } = useHost();
  const parameters = useHostState(store, (s) => s.parameters);
  return (
    <section aria-labelledby="config-title" data-testid="config-page">
      <header className="view-header">
        <h1 id="config-title">Plugin settings: Bulk Actions</h1>
      </header>
      <div className="config-frame">
        <PluginFrame
          mode="renderConfigScreen"
          extraProps={NO_EXTRA_PROPS}
          bodyPadding={[16, 16, 16, 16]}
          title="Plugin config screen"
          testId="config-frame"
        />
      </div>
      <details className="stored" open>
        <summary>Parameters stored by the host</summary>
        <pre data-testid="stored-parameters">{JSON.stringify(parameters, null, 2)}</pre>
        <button
          type="button"
          className="button button--muted"
          data-testid="reset-parameters"
          onClick={() => void changeSettings(store, { parameters: {} })}
        >
          Reset to {'{}'}
        </button>
      </details>
    </section>
  );
}
