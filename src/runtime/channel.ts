/**
 * The run channel between the plugin's frames: a BroadcastChannel whose name only our frames can
 * compute, carrying AES-GCM envelopes that only they can seal and open. Every marketplace plugin
 * shares our origin, so anything else on the channel is dropped unread: a forged, altered,
 * replayed or stale message never reaches a listener.
 */
import type { Keyring, Sealed } from './keyring';
import { base64url, isSealed } from './keyring';
import type { RunMessage } from './messages';

export type RunChannel = {
  post(message: RunMessage): void;
  /** Messages from the other frames (BroadcastChannel never echoes to its sender). */
  subscribe(listener: (message: RunMessage) => void): () => void;
  /** Stops listening at once; messages already posted are still sent. */
  close(): void;
};

/** How old a message may be: frames share one clock, so this only bounds how long replays live. */
export const MESSAGE_MAX_AGE_MS = 60_000;

type Envelope = { readonly v: 1 } & Sealed;
type Plain = { readonly m: RunMessage; readonly at: number; readonly n: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isRunMessage(value: unknown): value is RunMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as RunMessage).kind === 'string'
  );
}

export type SecureChannelOptions = {
  readonly now?: () => number;
  /** Told about every message dropped (tests; nothing is logged in production). */
  readonly onDropped?: (reason: 'unreadable' | 'stale' | 'replayed') => void;
};

/**
 * Opens the channel of the keyring's scope. It can be opened before the keyring is derived:
 * messages posted meanwhile are sealed and sent, in order, once it is.
 */
export function openSecureChannel(
  keyring: Keyring | Promise<Keyring>,
  options: SecureChannelOptions = {},
): RunChannel & { readonly ready: Promise<void> } {
  const now = options.now ?? Date.now;
  const listeners = new Set<(message: RunMessage) => void>();
  const seen = new Map<string, number>();
  let closed = false;
  const ready = Promise.resolve(keyring).then((k) => {
    const channel = new BroadcastChannel(k.channelName);
    // Opening is async: chained so that messages are handled in the order they arrive.
    let inbox = Promise.resolve();
    channel.onmessage = (event: MessageEvent<unknown>) => {
      inbox = inbox.then(() => receive(k, event.data));
    };
    return { k, channel };
  });
  let outbox: Promise<unknown> = ready.catch(() => undefined);

  async function receive(k: Keyring, data: unknown): Promise<void> {
    if (closed) return;
    if (!isSealed(data) || (data as Partial<Envelope>).v !== 1)
      return options.onDropped?.('unreadable');
    const envelope = data;
    let plain: Plain;
    try {
      const bytes = await k.open('message', envelope, k.channelName);
      plain = JSON.parse(decoder.decode(bytes)) as Plain;
    } catch {
      return options.onDropped?.('unreadable');
    }
    if (!isRunMessage(plain.m) || typeof plain.at !== 'number' || typeof plain.n !== 'string')
      return options.onDropped?.('unreadable');
    const t = now();
    if (plain.at < t - MESSAGE_MAX_AGE_MS || plain.at > t + 5_000)
      return options.onDropped?.('stale');
    for (const [nonce, at] of seen) if (at < t - MESSAGE_MAX_AGE_MS) seen.delete(nonce);
    if (seen.has(plain.n)) return options.onDropped?.('replayed');
    seen.set(plain.n, plain.at);
    if (closed) return;
    for (const listener of listeners) listener(plain.m);
  }

  return {
    /** Resolves once the channel listens (messages sent before that are not heard). */
    ready: ready.then(() => undefined),
    post(message) {
      if (closed) return;
      const plain: Plain = {
        m: message,
        at: now(),
        n: base64url(crypto.getRandomValues(new Uint8Array(16))),
      };
      outbox = outbox.then(async () => {
        const { k, channel } = await ready;
        const sealed = await k.seal(
          'message',
          encoder.encode(JSON.stringify(plain)),
          k.channelName,
        );
        channel.postMessage({ v: 1, iv: sealed.iv, ct: sealed.ct } satisfies Envelope);
      });
      // A failed seal loses this message only; later ones still go out.
      outbox = outbox.catch(() => undefined);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      void outbox
        .then(() => ready)
        .then(
          ({ channel }) => channel.close(),
          () => undefined,
        );
    },
  };
}
