/**
 * What every plugin frame sees: the §9 property set (getSettings) and the §5 base methods.
 * Properties are computed from the store at call time, so onChange always carries the complete,
 * current set.
 */
import type { ConfirmOptions, Modal, Toast } from 'datocms-plugin-sdk';
import { pushPropsToAllFrames, type FrameContext, type HostMethods } from './bridge';
import { navigate } from './router';
import type { SimApi } from './simApi';
import { ROLE_KEYS, type HostState, type HostStore, type RoleKey } from './store';

export const PLUGIN_ID = 'bulk-actions-sandbox';
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

export function userFor(roleKey: RoleKey, state: HostState) {
  const role = state.tokens[roleKey].role;
  const name = { admin: 'Ada Admin', editor: 'Eddie Editor', reviewer: 'Riley Reviewer' }[roleKey];
  const [first, last] = name.split(' ');
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

/** The base property set of §9 (everything but mode and bodyPadding). */
export function baseProps(state: HostState): Record<string, unknown> {
  const token = state.tokens[state.roleKey];
  const users = ROLE_KEYS.map((key) => userFor(key, state));
  return {
    theme: THEME,
    cssDesignTokens: {},
    colorScheme: 'light',
    plugin: {
      id: PLUGIN_ID,
      type: 'plugin',
      attributes: {
        name: 'Bulk Actions',
        description: 'Bulk actions for the Media Area and record collections (sandbox install).',
        url: state.config.pluginUrl,
        parameters: state.parameters,
        permissions: state.tokenGranted ? [CURRENT_USER_ACCESS_TOKEN] : [],
        package_name: 'datocms-plugin-bulk-actions',
        package_version: 'sandbox',
      },
      meta: { version: '2' },
    },
    currentUser: userFor(state.roleKey, state),
    currentRole: token.role,
    currentUserAccessToken: state.tokenGranted ? token.token : undefined,
    site: state.site,
    environment: 'main',
    isEnvironmentPrimary: true,
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
  patch: Partial<Pick<HostState, 'roleKey' | 'tokenGranted' | 'parameters'>>,
): Promise<void> {
  store.update(patch);
  // Every open frame and the boot frame first get the complete new property set; only then do
  // the menus (keyed on settingsVersion) ask the boot frame again.
  await pushPropsToAllFrames();
  store.update({ settingsVersion: store.getState().settingsVersion + 1 });
}

export type CtxDeps = { store: HostStore; api: SimApi };

/** The §5 base methods. Every method the SDK spreads into ctx exists here. */
export function createFrameContext({ store, api }: CtxDeps): FrameContext {
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
    loadUsers: async () => ROLE_KEYS.map((k) => userFor(k, store.getState())),
    loadSsoUsers: async () => [],
    // Settings
    updatePluginParameters: async (params: Record<string, unknown>) => {
      await changeSettings(store, { parameters: structuredClone(params) });
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
            { key: store.nextKey(), modal, openedBy: frameLabel, settle: resolve },
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
    pluginUrl: store.getState().config.pluginUrl,
    baseProps: () => baseProps(store.getState()),
    baseMethods,
  };
}
