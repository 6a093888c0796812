/**
 * The sandbox host page: boots the plugin's hidden onBoot frame, loads the project from the CMA
 * simulator, and renders a small DatoCMS-like shell around the plugin's frames.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BootFrame } from './boot';
import { listOpenFrames, type HostMethods } from './bridge';
import { loadSandboxConfig } from './config';
import { createFrameContext, failNextSettingsSave } from './ctx';
import { HostContext, type Host, type InstalledPlugin } from './host';
import { SimApi, type RawField, type SimToken } from './simApi';
import { HostStore, readPersisted, type RoleKey } from './store';
import { App } from './views/App';
import './styles.css';

declare global {
  interface Window {
    __sandbox?: {
      methods: HostMethods;
      state(): unknown;
      /** Test hook: the next updatePluginParameters is refused with this message. */
      failNextSettingsSave(message: string): void;
      openFrames(): Array<{ id: number; mode: string; label: string }>;
    };
  }
}

/**
 * Every role the simulator offers a token for, keyed by its name in lower case (`admin`,
 * `editor` …; a repeated name gets its role id): the role switch lists them all.
 */
function rolesOf(tokens: SimToken[]): Record<RoleKey, SimToken> {
  if (tokens.length === 0) throw new Error('The simulator lists no tokens');
  const out: Record<RoleKey, SimToken> = {};
  for (const t of tokens) {
    const name = String(t.role.attributes.name).toLowerCase().replace(/\s+/g, '-');
    out[out[name] ? `${name}-${t.role.id}` : name] = t;
  }
  return out;
}

async function start(root: HTMLElement): Promise<void> {
  const config = await loadSandboxConfig();
  const persisted = readPersisted();
  const tokenApi = new SimApi(config.simUrl, () => '');
  const tokens = rolesOf(await tokenApi.tokens());
  const roleKeys = Object.keys(tokens);
  const roleKey: RoleKey =
    persisted.roleKey && tokens[persisted.roleKey]
      ? persisted.roleKey
      : (roleKeys.find((k) => k === 'admin') ?? roleKeys[0]!);
  // The host is DatoCMS: it reads the schema with the admin token, the records with the user's.
  const adminToken = (tokens.admin ?? tokens[roleKey]!).token;
  const listApi = new SimApi(config.simUrl, () => adminToken);
  const environments = await listApi.environments().catch(() => [{ id: 'main', primary: true }]);
  const primary = environments.find((e) => e.primary)?.id ?? 'main';
  const environment = environments.some((e) => e.id === persisted.environment)
    ? persisted.environment!
    : primary;
  const adminApi = new SimApi(
    config.simUrl,
    () => adminToken,
    () => environment,
  );
  const [site, itemTypes] = await Promise.all([adminApi.site(), adminApi.listItemTypes()]);
  const fieldLists = await Promise.all(itemTypes.map((t) => adminApi.listFields(t.id)));
  const fields: Record<string, RawField> = {};
  for (const field of fieldLists.flat()) fields[field.id] = field;
  const installed = Object.fromEntries(
    config.plugins.map((p, i) => [p.id, i === 0 || (persisted.installed?.[p.id] ?? p.installed)]),
  );

  const store = new HostStore({
    config,
    tokens,
    roleKey,
    tokenGranted: persisted.tokenGranted ?? true,
    parameters: persisted.parameters ?? {},
    otherParameters: persisted.otherParameters ?? {},
    installed,
    environment,
    environments,
    site,
    itemTypes,
    fields,
    toasts: [],
    modals: [],
    confirms: [],
    settingsVersion: 0,
  });
  const api = new SimApi(config.simUrl, store.token, () => store.getState().environment);

  const bootContainer = document.createElement('div');
  bootContainer.id = 'plugin-boot-frames';
  document.body.appendChild(bootContainer);
  // One boot frame per installed plugin, each with its own ctx (plugin id, permissions).
  const plugins: InstalledPlugin[] = config.plugins
    .filter((p) => installed[p.id])
    .map((plugin) => {
      const frames = createFrameContext({ store, api, plugin });
      return { config: plugin, frames, boot: new BootFrame(frames, bootContainer) };
    });
  const { frames, boot } = plugins[0]!;

  const host: Host = { store, api, frames, boot, plugins };
  // For tests and the console: drive the host's dialogs as a plugin would.
  window.__sandbox = {
    methods: frames.baseMethods('sandbox-console'),
    state: () => store.getState(),
    failNextSettingsSave,
    openFrames: () => listOpenFrames().map((f) => ({ id: f.id, mode: f.mode, label: f.label })),
  };
  createRoot(root).render(
    <StrictMode>
      <HostContext.Provider value={host}>
        <App />
      </HostContext.Provider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
start(root).catch((error: unknown) => {
  console.error(error);
  root.innerHTML = '';
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.dataset.testid = 'host-error';
  message.textContent = `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.appendChild(message);
});
