/**
 * The host's state: who is signed in (role and token), what the plugin was granted, its stored
 * parameters, and the UI the plugin drives (toasts, modal stack, confirm dialogs). A tiny
 * external store read by React with useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';
import type { ConfirmOptions, Modal } from 'datocms-plugin-sdk';
import type { SandboxConfig } from './config';
import type { JsonApiResource, RawField, RawItemType, SimToken } from './simApi';

/** A role of the simulator's `GET /__sim/tokens` (its name in lower case, e.g. `editor`). */
export type RoleKey = string;

/** An environment of the project (`GET /environments`). */
export type EnvironmentInfo = { readonly id: string; readonly primary: boolean };

export type ToastType = 'notice' | 'alert' | 'warning';

export type ToastEntry = {
  readonly key: number;
  readonly type: ToastType;
  readonly message: string;
  readonly cta?: { label: string; value: unknown };
  readonly dismissOnPageChange: boolean;
  /** Settles the customToast promise: the CTA value, or null when dismissed. */
  readonly settle: (value: unknown) => void;
};

export type ModalEntry = {
  readonly key: number;
  readonly modal: Modal;
  readonly openedBy: string;
  /** The plugin whose frame opened it: the modal renders that plugin. */
  readonly pluginId: string;
  readonly settle: (value: unknown) => void;
};

export type ConfirmEntry = {
  readonly key: number;
  readonly options: ConfirmOptions;
  readonly settle: (value: unknown) => void;
};

export type HostState = {
  readonly config: SandboxConfig;
  /** Every role the simulator offers a token for, in its order, keyed by RoleKey. */
  readonly tokens: Readonly<Record<RoleKey, SimToken>>;
  readonly roleKey: RoleKey;
  /** Whether the plugin under test holds the currentUserAccessToken permission. */
  readonly tokenGranted: boolean;
  /** The plugin under test's parameters. */
  readonly parameters: Record<string, unknown>;
  /** Parameters of the other installed plugins, by plugin id. */
  readonly otherParameters: Readonly<Record<string, Record<string, unknown>>>;
  /** Which plugins are installed, by id (the plugin under test always is). */
  readonly installed: Readonly<Record<string, boolean>>;
  readonly environment: string;
  readonly environments: readonly EnvironmentInfo[];
  readonly site: JsonApiResource;
  readonly itemTypes: readonly RawItemType[];
  readonly fields: Readonly<Record<string, RawField>>;
  readonly toasts: readonly ToastEntry[];
  readonly modals: readonly ModalEntry[];
  readonly confirms: readonly ConfirmEntry[];
  /** Bumped whenever the ctx every frame sees changes (role, grant, parameters). */
  readonly settingsVersion: number;
};

const STORAGE_KEY = 'bulk-actions-sandbox';

type Persisted = Pick<
  HostState,
  'roleKey' | 'tokenGranted' | 'parameters' | 'otherParameters' | 'installed' | 'environment'
>;
const PERSISTED = [
  'roleKey',
  'tokenGranted',
  'parameters',
  'otherParameters',
  'installed',
  'environment',
] as const;

export function readPersisted(): Partial<Persisted> {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Partial<Persisted>) : {};
  } catch {
    return {};
  }
}

/** Written at once (a switch of environment or installed plugins reloads the page next). */
export function persist(state: Persisted): void {
  const out = Object.fromEntries(PERSISTED.map((key) => [key, state[key]])) as Persisted;
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(out));
}

export class HostStore {
  private state: HostState;
  private readonly listeners = new Set<() => void>();
  private keyCounter = 0;

  constructor(initial: HostState) {
    this.state = initial;
  }

  getState = (): HostState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  nextKey(): number {
    return ++this.keyCounter;
  }

  update(patch: Partial<HostState>): void {
    this.state = { ...this.state, ...patch };
    if (PERSISTED.some((key) => key in patch)) persist(this.state);
    for (const listener of this.listeners) listener();
  }

  /** The token the host itself uses to read data: the signed-in user's, always. */
  token = (): string => this.state.tokens[this.state.roleKey]!.token;

  addToast(toast: Omit<ToastEntry, 'key'>): number {
    const key = this.nextKey();
    this.update({ toasts: [...this.state.toasts, { ...toast, key }] });
    return key;
  }

  dismissToast(key: number, value: unknown = null): void {
    const toast = this.state.toasts.find((t) => t.key === key);
    if (!toast) return;
    this.update({ toasts: this.state.toasts.filter((t) => t.key !== key) });
    toast.settle(value);
  }

  closeModal(key: number, value: unknown): void {
    const modal = this.state.modals.find((m) => m.key === key);
    if (!modal) return;
    this.update({ modals: this.state.modals.filter((m) => m.key !== key) });
    modal.settle(value);
  }

  closeConfirm(key: number, value: unknown): void {
    const confirm = this.state.confirms.find((c) => c.key === key);
    if (!confirm) return;
    this.update({ confirms: this.state.confirms.filter((c) => c.key !== key) });
    confirm.settle(value);
  }
}

export function useHostState<T>(store: HostStore, select: (state: HostState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
