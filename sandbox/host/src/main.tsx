/**
 * The sandbox host page: boots the plugin's hidden onBoot frame, loads the project from the CMA
 * simulator, and renders a small DatoCMS-like shell around the plugin's frames.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BootFrame } from './boot';
import { listOpenFrames, type HostMethods } from './bridge';
import { loadSandboxConfig } from './config';
import { createFrameContext } from './ctx';
import { HostContext, type Host } from './host';
import { SimApi, type RawField, type SimToken } from './simApi';
import { HostStore, ROLE_KEYS, readPersisted, type RoleKey } from './store';
import { App } from './views/App';
import './styles.css';

declare global {
  interface Window {
    __sandbox?: {
      methods: HostMethods;
      state(): unknown;
      openFrames(): Array<{ id: number; mode: string; label: string }>;
    };
  }
}

function pickTokens(tokens: SimToken[]): Record<RoleKey, SimToken> {
  const find = (name: string) =>
    tokens.find((t) => String(t.role.attributes.name).toLowerCase() === name);
  const admin = find('admin') ?? tokens[0];
  const editor = find('editor') ?? tokens[1] ?? admin;
  if (!admin || !editor) throw new Error('The simulator lists no tokens');
  return { admin, editor, reviewer: find('reviewer') ?? editor };
}

async function start(root: HTMLElement): Promise<void> {
  const config = await loadSandboxConfig();
  const persisted = readPersisted();
  const tokenApi = new SimApi(config.simUrl, () => '');
  const tokens = pickTokens(await tokenApi.tokens());
  const roleKey: RoleKey = ROLE_KEYS.includes(persisted.roleKey as RoleKey)
    ? (persisted.roleKey as RoleKey)
    : 'admin';
  // The host is DatoCMS: it reads the schema with the admin token, the records with the user's.
  const adminApi = new SimApi(config.simUrl, () => tokens.admin.token);
  const [site, itemTypes] = await Promise.all([adminApi.site(), adminApi.listItemTypes()]);
  const fieldLists = await Promise.all(itemTypes.map((t) => adminApi.listFields(t.id)));
  const fields: Record<string, RawField> = {};
  for (const field of fieldLists.flat()) fields[field.id] = field;

  const store = new HostStore({
    config,
    tokens,
    roleKey,
    tokenGranted: persisted.tokenGranted ?? true,
    parameters: persisted.parameters ?? {},
    site,
    itemTypes,
    fields,
    toasts: [],
    modals: [],
    confirms: [],
    settingsVersion: 0,
  });
  const api = new SimApi(config.simUrl, store.token);
  const frames = createFrameContext({ store, api });

  const bootContainer = document.createElement('div');
  bootContainer.id = 'plugin-boot-frames';
  document.body.appendChild(bootContainer);
  const boot = new BootFrame(frames, bootContainer);

  const host: Host = { store, api, frames, boot };
  // For tests and the console: drive the host's dialogs as a plugin would.
  window.__sandbox = {
    methods: frames.baseMethods('sandbox-console'),
    state: () => store.getState(),
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
