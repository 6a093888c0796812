import { useEffect, useState } from 'react';
import { changeSettings, PLUGIN_ID } from '../ctx';
import { useHost } from '../host';
import { parseRoute, paths, usePath } from '../router';
import { persist, useHostState } from '../store';
import { Collection } from './Collection';
import { ConfigPage } from './ConfigPage';
import { ConfirmDialogs } from './ConfirmDialogs';
import { LogPanel } from './LogPanel';
import { MediaArea } from './MediaArea';
import { Modals } from './Modals';
import { RecordForm } from './RecordForm';
import { Toasts } from './Toasts';
import { UploadDetail } from './UploadDetail';

function BootStatus() {
  const { boot } = useHost();
  const [state, setState] = useState<{ status: string; hooks?: string[] }>({ status: 'booting' });
  useEffect(() => {
    boot.ready.then(
      (hooks) => setState({ status: 'ready', hooks: Object.keys(hooks) }),
      (error: unknown) => setState({ status: `error: ${String(error)}` }),
    );
  }, [boot]);
  return (
    <span
      className="muted"
      data-testid="boot-status"
      data-status={state.status}
      title={state.hooks?.join(', ')}
    >
      Plugin: {state.status}
      {state.hooks ? ` (${state.hooks.length} hooks)` : ''}
    </span>
  );
}

/**
 * A switch of environment or of installed plugins reloads the page: every plugin frame starts
 * again with the new ctx, as a change of the DatoCMS URL's environment does (docs/sandbox.md).
 */
function reloadWith(patch: Parameters<typeof persist>[0]): void {
  persist(patch);
  window.location.reload();
}

function Switches() {
  const { store } = useHost();
  const roleKey = useHostState(store, (s) => s.roleKey);
  const tokenGranted = useHostState(store, (s) => s.tokenGranted);
  const tokens = useHostState(store, (s) => s.tokens);
  const environment = useHostState(store, (s) => s.environment);
  const environments = useHostState(store, (s) => s.environments);
  const plugins = useHostState(store, (s) => s.config.plugins);
  const installed = useHostState(store, (s) => s.installed);
  const state = () => store.getState();
  return (
    <div className="switches">
      <label>
        Environment{' '}
        <select
          value={environment}
          data-testid="environment-switch"
          onChange={(event) => reloadWith({ ...state(), environment: event.target.value })}
        >
          {environments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.id} {e.primary ? '(primary)' : '(sandbox)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Signed in as{' '}
        <select
          value={roleKey}
          data-testid="role-switch"
          onChange={(event) => void changeSettings(store, { roleKey: event.target.value })}
        >
          {Object.entries(tokens).map(([key, token]) => (
            <option key={key} value={key}>
              {token.label ?? String(token.role.attributes.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={tokenGranted}
          data-testid="token-grant-switch"
          onChange={(event) => void changeSettings(store, { tokenGranted: event.target.checked })}
        />{' '}
        Grant “currentUserAccessToken”
      </label>
      {plugins.slice(1).map((plugin) => (
        <label key={plugin.id}>
          <input
            type="checkbox"
            checked={!!installed[plugin.id]}
            data-testid="plugin-install-switch"
            data-plugin-id={plugin.id}
            onChange={(event) =>
              reloadWith({
                ...state(),
                installed: { ...state().installed, [plugin.id]: event.target.checked },
              })
            }
          />{' '}
          Install “{plugin.name}”
        </label>
      ))}
    </div>
  );
}

function Page() {
  const path = usePath();
  const route = parseRoute(path);
  switch (route.name) {
    case 'media':
      return <MediaArea />;
    case 'upload':
      return <UploadDetail key={route.uploadId} uploadId={route.uploadId} />;
    case 'collection':
      return <Collection key={route.itemTypeId} itemTypeId={route.itemTypeId} />;
    case 'record':
      return <RecordForm key={route.itemId} itemId={route.itemId} />;
    case 'config':
      return <ConfigPage />;
    case 'notFound':
      return (
        <section data-testid="not-found">
          <h1>Not in the sandbox</h1>
          <p>
            The plugin navigated to <code data-testid="not-found-path">{route.path}</code>, a page
            this local DatoCMS does not have.
          </p>
        </section>
      );
  }
}

/** The DatoCMS-like shell: navigation, switches, the current page and the plugin's overlays. */
export function App() {
  const { store } = useHost();
  const itemTypes = useHostState(store, (s) => s.itemTypes);
  const site = useHostState(store, (s) => s.site);
  const environment = useHostState(store, (s) => s.environment);
  const path = usePath();
  const route = parseRoute(path);
  const linkClass = (active: boolean) => (active ? 'nav-link nav-link--active' : 'nav-link');
  return (
    <div className="shell">
      <header className="topbar">
        <strong>{String(site.attributes.name ?? 'Sandbox project')}</strong>
        <span className="muted" data-testid="environment-label">
          local DatoCMS · environment {environment}
        </span>
        <BootStatus />
        <Switches />
      </header>
      <nav className="sidebar" aria-label="Sections">
        <a
          href={`#${paths.media()}`}
          className={linkClass(route.name === 'media' || route.name === 'upload')}
          data-testid="nav-media"
        >
          Media Area
        </a>
        <span className="nav-heading">Content</span>
        {itemTypes
          .filter((t) => !t.attributes.modular_block)
          .map((t) => (
            <a
              key={t.id}
              href={`#${paths.collection(t.id)}`}
              className={linkClass(
                (route.name === 'collection' || route.name === 'record') &&
                  route.itemTypeId === t.id,
              )}
              data-testid="nav-collection"
              data-item-type-id={t.id}
              data-api-key={String(t.attributes.api_key ?? '')}
            >
              {String(t.attributes.name ?? t.id)}
            </a>
          ))}
        <span className="nav-heading">Settings</span>
        <a
          href={`#${paths.config(PLUGIN_ID)}`}
          className={linkClass(route.name === 'config')}
          data-testid="nav-config"
        >
          Plugins → Bulk Actions
        </a>
      </nav>
      <main className="content" data-testid="page" data-route={route.name}>
        <Page />
      </main>
      <LogPanel />
      <Toasts />
      <Modals />
      <ConfirmDialogs />
    </div>
  );
}
