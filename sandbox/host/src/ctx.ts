/**
 * What every plugin frame sees: the §9 property set (getSettings) and the §5 base methods.
 * Properties are computed from the store at call time, so onChange always carries the complete,
 * current set.
 */
import type { ConfirmOptions, Modal, Toast } from 'datocms-plugin-sdk';
import { pushPropsToAllFrames, type FrameContext, type HostMethods } from './bridge';
import type { PluginConfig } from './config';
import { navigate } from './router';
import type { SimApi } from './simApi';
import type { HostState, HostStore, RoleKey } from './store';

/** The installation id of the plugin under test (`ctx.plugin.id`). */
export const PLUGIN_ID = 'bulk-actions-sandbox';

/**
 * DatoCMS limits a plugin's settings to 10 KB (technical limits page), measured here as the UTF-8
 * bytes of their JSON. No source says what the app answers beyond it; the host rejects the call
 * the way a refused CMA update reads (unverified, docs/sandbox.md).
 */
export const PARAMETERS_LIMIT_BYTES = 10 * 1024;

export function parametersTooLarge(params: unknown): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(params ?? {})).length;
  return bytes > PARAMETERS_LIMIT_BYTES
    ? `INVALID_FIELD: the plugin parameters are ${bytes} bytes, over the 10 KB (${PARAMETERS_LIMIT_BYTES} bytes) limit of plugin settings`
    : null;
}
/**
 * A test hook (not platform behaviour): the next settings save of any plugin is refused with this
 * message, once, so that a test can see how the plugin explains a failed save.
 */
let nextSettingsSaveFailure: string | null = null;
export function failNextSettingsSave(message: string): void {
  nextSettingsSaveFailure = message;
}

export const CURRENT_USER_ACCESS_TOKEN = 'currentUserAccessToken';

/** DatoCMS-like default theme colours (dark enough for WCAG AA text on white). */
export const THEME = {
  primaryColor: 'rgb(64, 52, 162)',
  accentColor: 'rgb(196, 35, 71)',
  semiTransparentAccentColor: 'rgba(196, 35, 71, 0.1)',
  lightColor: 'rgb(238, 236, 252)',
  darkColor: 'rgb(28, 22, 80)',
};

const OWNER = {
  id: 'sandbox-account',
  type: 'account',
  attributes: {
    email: 'owner@sandbox.test',
    first_name: 'Sandbox',
    last_name: 'Owner',
    company: 'Bulk Actions sandbox',
  },
};

const NAMES: Record<string, string> = {
  admin: 'Ada Admin',
  editor: 'Eddie Editor',
  reviewer: 'Riley Reviewer',
};

export function userFor(roleKey: RoleKey, state: HostState) {
  const role = state.tokens[roleKey]!.role;
  const name = NAMES[roleKey] ?? `Sandbox ${String(role.attributes.name)}`;
  const [first, ...rest] = name.split(' ');
  const last = rest.join(' ');
  return {
    id: `sandbox-user-${roleKey}`,
    type: 'user',
    attributes: {
      email: `${roleKey}@sandbox.test`,
      first_name: first,
      last_name: last,
      full_name: name,
      is_2fa_active: false,
      is_active: true,
      locale: 'en',
    },
    relationships: { role: { data: { type: 'role', id: role.id } } },
    meta: { last_access: null },
  };
}

function byId<T extends { id: string }>(list: readonly T[]): Record<string, T> {
  return Object.fromEntries(list.map((entry) => [entry.id, entry]));
}

/** Whether a plugin holds the token: it asks for it and (for the plugin under test) the switch grants it. */
export function holdsToken(state: HostState, plugin: PluginConfig): boolean {
  if (!plugin.permissions.includes(CURRENT_USER_ACCESS_TOKEN)) return false;
  return plugin.id === state.config.plugins[0]?.id ? state.tokenGranted : true;
}

export function parametersOf(state: HostState, plugin: PluginConfig): Record<string, unknown> {
  return plugin.id === state.config.plugins[0]?.id
    ? state.parameters
    : (state.otherParameters[plugin.id] ?? {});
}

/** The base property set of §9 (everything but mode and bodyPadding) for one plugin. */
export function baseProps(
  state: HostState,
  plugin: PluginConfig = state.config.plugins[0]!,
): Record<string, unknown> {
  const token = state.tokens[state.roleKey]!;
  const users = Object.keys(state.tokens).map((key) => userFor(key, state));
  const granted = holdsToken(state, plugin);
  const environment = state.environments.find((e) => e.id === state.environment);
  return {
    theme: THEME,
    cssDesignTokens: {},
    colorScheme: 'light',
    plugin: {
      id: plugin.id,
      type: 'plugin',
      attributes: {
        name: plugin.name,
        description: `${plugin.name} (sandbox install).`,
        url: plugin.url,
        parameters: parametersOf(state, plugin),
        permissions: granted ? [CURRENT_USER_ACCESS_TOKEN] : [],
        package_name: plugin.packageName,
        package_version: plugin.version,
      },
      meta: { version: '2' },
    },
    currentUser: userFor(state.roleKey, state),
    currentRole: token.role,
    currentUserAccessToken: granted ? token.token : undefined,
    site: state.site,
    environment: state.environment,
    isEnvironmentPrimary: environment?.primary ?? true,
    cmaBaseUrl: state.config.simUrl,
    cdaEndpointUrl: `${state.config.simUrl}/graphql`,
    owner: OWNER,
    account: OWNER,
    ui: { locale: 'en' },
    itemTypes: byId(state.itemTypes),
    fields: state.fields,
    fieldsets: {},
    users: byId(users),
    ssoUsers: {},
  };
}

/** Changes what every frame sees, then tells every open frame and the boot frame. */
export async function changeSettings(
  store: HostStore,
  patch: Partial<Pick<HostState, 'roleKey' | 'tokenGranted' | 'parameters' | 'otherParameters'>>,
): Promise<void> {
  store.update(patch);
  // Every open frame and the boot frame first get the complete new property set; only then do
  // the menus (keyed on settingsVersion) ask the boot frame again.
  await pushPropsToAllFrames();
  store.update({ settingsVersion: store.getState().settingsVersion + 1 });
}

export type CtxDeps = { store: HostStore; api: SimApi; plugin: PluginConfig };

/** The §5 base methods of one plugin's frames. Every method the SDK spreads into ctx exists here. */
export function createFrameContext({ store, api, plugin }: CtxDeps): FrameContext {
  const toast = (type: Toast['type'], message: string): void => {
    store.addToast({ type, message, dismissOnPageChange: false, settle: () => undefined });
  };

  const baseMethods = (frameLabel: string): HostMethods => ({
    // Loading
    loadItemTypeFields: async (itemTypeId: string) => {
      const fields = await api.listFields(itemTypeId);
      store.update({ fields: { ...store.getState().fields, ...byId(fields) } });
      return fields;
    },
    loadItemTypeFieldsets: async () => [],
    loadFieldsUsingPlugin: async () => [],
    loadUsers: async () =>
      Object.keys(store.getState().tokens).map((k) => userFor(k, store.getState())),
    loadSsoUsers: async () => [],
    // Settings
    updatePluginParameters: async (params: Record<string, unknown>) => {
      const failure = nextSettingsSaveFailure;
      nextSettingsSaveFailure = null;
      if (failure) throw new Error(failure);
      const refused = parametersTooLarge(params);
      if (refused) throw new Error(refused);
      const copy = structuredClone(params);
      if (plugin.id === store.getState().config.plugins[0]?.id)
        await changeSettings(store, { parameters: copy });
      else
        await changeSettings(store, {
          otherParameters: { ...store.getState().otherParameters, [plugin.id]: copy },
        });
    },
    updateFieldAppearance: async () => undefined,
    // Record and asset dialogs: the sandbox has no pickers; they answer as if cancelled.
    createNewItem: async () => null,
    selectItem: async () => null,
    editItem: async () => null,
    selectUpload: async () => null,
    editUpload: async () => null,
    editUploadMetadata: async () => null,
    // Toasts
    alert: (message: string) => toast('alert', String(message)),
    notice: (message: string) => toast('notice', String(message)),
    customToast: (t: Toast<unknown>) =>
      new Promise<unknown>((resolve) => {
        const entry = {
          type: t.type,
          message: String(t.message),
          cta: t.cta ? { label: t.cta.label, value: t.cta.value } : undefined,
          dismissOnPageChange: t.dismissOnPageChange ?? false,
          settle: resolve,
        };
        const key = store.addToast(entry);
        const timeout =
          t.dismissAfterTimeout === true
            ? 5000
            : typeof t.dismissAfterTimeout === 'number'
              ? t.dismissAfterTimeout
              : null;
        if (timeout !== null) setTimeout(() => store.dismissToast(key, null), timeout);
      }),
    // Custom dialogs
    openModal: (modal: Modal) =>
      new Promise<unknown>((resolve) => {
        store.update({
          modals: [
            ...store.getState().modals,
            {
              key: store.nextKey(),
              modal,
              openedBy: frameLabel,
              pluginId: plugin.id,
              settle: resolve,
            },
          ],
        });
      }),
    openConfirm: (options: ConfirmOptions) =>
      new Promise<unknown>((resolve) => {
        store.update({
          confirms: [
            ...store.getState().confirms,
            { key: store.nextKey(), options, settle: resolve },
          ],
        });
      }),
    // Navigation
    navigateTo: async (path: string) => {
      navigate(String(path));
    },
  });

  return {
    pluginUrl: plugin.url,
    baseProps: () => baseProps(store.getState(), plugin),
    baseMethods,
  };
}
