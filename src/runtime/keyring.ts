/**
 * The keys that authenticate and encrypt everything the plugin's frames exchange and store.
 *
 * Every marketplace plugin is served from one origin, so any co-installed plugin can read and
 * write our IndexedDB, BroadcastChannels and Web Locks. The one thing our frames hold that such a
 * plugin does not is the user's API token (the `currentUserAccessToken` permission): keys are
 * derived from it with HKDF, bound to the site, the environment and our installation
 * (`ctx.plugin.id`), and are non-extractable. See docs/security.md.
 *
 * Boot-path code: WebCrypto only, no library.
 */

/** Where a run belongs: one project environment of one installation of the plugin. */
export type RunScope = {
  readonly siteId: string;
  readonly environment: string;
  readonly pluginId: string;
};

/** What a frame's ctx must offer to derive the keyring (structural, no SDK import). */
export type KeyringSource = {
  readonly currentUserAccessToken?: string | undefined;
  readonly environment: string;
  readonly site: { readonly id: string };
  readonly plugin: { readonly id: string };
};

/** AES-GCM output: a fresh 96-bit IV and the ciphertext with its tag. */
export type Sealed = { readonly iv: Uint8Array<ArrayBuffer>; readonly ct: ArrayBuffer };

export type SealPurpose = 'message' | 'ledger';

export type Keyring = {
  readonly scope: RunScope;
  /** Opaque and unguessable without the token: database and lock names start from it. */
  readonly tag: string;
  /** Unguessable, and unlike database and lock names never listed to other frames. */
  readonly channelName: string;
  /** Web Lock names of this scope start with it. */
  readonly lockPrefix: string;
  /** Ledger database names, tried in order (a name someone else broke is skipped). */
  ledgerName(attempt: number): string;
  /** Keyed tag of a run id: what the ledger and the locks use as its name. */
  runTag(runId: string): Promise<string>;
  /** Keyed tags of entity ids, for the "runs that touched this id" index. */
  entityTags(ids: readonly string[]): Promise<string[]>;
  seal(purpose: SealPurpose, plaintext: Uint8Array<ArrayBuffer>, aad: string): Promise<Sealed>;
  /** Throws when the ciphertext was not sealed with this keyring, purpose and `aad`. */
  open(purpose: SealPurpose, sealed: Sealed, aad: string): Promise<Uint8Array>;
};

export const STORAGE_PREFIX = 'datocms-plugin-bulk-actions';
const SALT = 'datocms-plugin-bulk-actions/hkdf-salt/v1';
/** Tags are truncated HMAC-SHA256: 128 bits for names, 96 bits per entity id. */
const NAME_TAG_BYTES = 16;
const ENTITY_TAG_BYTES = 12;

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The scope a ctx belongs to, or null without the token (then nothing can be derived). */
export function scopeOf(source: KeyringSource): RunScope | null {
  if (!source.currentUserAccessToken) return null;
  return { siteId: source.site.id, environment: source.environment, pluginId: source.plugin.id };
}

/** One string per (token, scope): equal identities share a keyring. Memory only. */
export function identityOf(source: KeyringSource): string | null {
  const scope = scopeOf(source);
  return scope
    ? JSON.stringify([
        source.currentUserAccessToken,
        scope.siteId,
        scope.environment,
        scope.pluginId,
      ])
    : null;
}

export async function deriveKeyring(token: string, scope: RunScope): Promise<Keyring> {
  const subtle = crypto.subtle;
  const base = await subtle.importKey('raw', encoder.encode(token), 'HKDF', false, ['deriveKey']);
  const hkdf = (purpose: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: encoder.encode(SALT),
    // JSON keeps the parts apart: no site id can be crafted to look like another scope.
    info: encoder.encode(
      JSON.stringify(['v1', purpose, scope.siteId, scope.environment, scope.pluginId]),
    ),
  });
  const aes = (purpose: string) =>
    subtle.deriveKey(hkdf(purpose), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
  const [macKey, messageKey, ledgerKey] = await Promise.all([
    subtle.deriveKey(hkdf('mac'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
    ]),
    aes('message'),
    aes('ledger'),
  ]);
  const mac = async (parts: readonly string[], bytes: number) =>
    base64url(
      new Uint8Array(
        await subtle.sign('HMAC', macKey, encoder.encode(JSON.stringify(parts))),
        0,
        bytes,
      ),
    );
  const keys: Record<SealPurpose, CryptoKey> = { message: messageKey, ledger: ledgerKey };

  // Database and lock names can be listed by any frame of the origin (indexedDB.databases(),
  // navigator.locks.query()); channel names cannot: the channel gets a tag of its own.
  const [tag, channelTag] = await Promise.all([
    mac(['scope'], NAME_TAG_BYTES),
    mac(['channel'], NAME_TAG_BYTES),
  ]);
  const runTags = new Map<string, Promise<string>>();
  return {
    scope,
    tag,
    channelName: `${STORAGE_PREFIX}:channel:${channelTag}`,
    lockPrefix: `${STORAGE_PREFIX}:lock:${tag}:`,
    ledgerName: (attempt) => `${STORAGE_PREFIX}:ledger:${tag}${attempt ? `:${attempt}` : ''}`,
    runTag(runId) {
      let t = runTags.get(runId);
      if (!t) {
        t = mac(['run', runId], NAME_TAG_BYTES);
        runTags.set(runId, t);
      }
      return t;
    },
    async entityTags(ids) {
      const out: string[] = [];
      // In slices: 100,000 pending WebCrypto calls at once would only cost memory.
      for (let i = 0; i < ids.length; i += 2000)
        out.push(
          ...(await Promise.all(
            ids.slice(i, i + 2000).map((id) => mac(['entity', id], ENTITY_TAG_BYTES)),
          )),
        );
      return out;
    },
    async seal(purpose, plaintext, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
        keys[purpose],
        plaintext,
      );
      return { iv, ct };
    },
    async open(purpose, sealed, aad) {
      return new Uint8Array(
        await subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(aad) },
          keys[purpose],
          sealed.ct,
        ),
      );
    },
  };
}

const keyrings = new Map<string, Promise<Keyring>>();

/** The keyring of a ctx (memoized per token and scope), or null without the token. */
export function keyringFor(source: KeyringSource): Promise<Keyring> | null {
  const identity = identityOf(source);
  const scope = scopeOf(source);
  if (!identity || !scope || !source.currentUserAccessToken) return null;
  let keyring = keyrings.get(identity);
  if (!keyring) {
    keyring = deriveKeyring(source.currentUserAccessToken, scope);
    // A failed derivation (no WebCrypto?) may be tried again.
    keyring.catch(() => keyrings.delete(identity));
    keyrings.set(identity, keyring);
  }
  return keyring;
}

/** Whether a value has the shape `seal` returns (what arrives from storage is untrusted). */
export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.iv instanceof Uint8Array &&
    v.iv.length === 12 &&
    v.ct instanceof ArrayBuffer
  );
}
