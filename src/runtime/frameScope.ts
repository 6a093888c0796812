/**
 * What a panel or modal frame needs to take part in runs: the scope's keyring, its sealed channel,
 * its ledger and its locks. Everything is derived from the frame's ctx (token, site, environment,
 * installation), so a frame only ever sees the runs of its own scope.
 */
import { IndexedDbLedger } from '../ledger/indexedDbLedger';
import { openSecureChannel, type RunChannel } from './channel';
import { keyringFor, scopeOf, type Keyring, type KeyringSource, type RunScope } from './keyring';
import { browserRunLocks, type RunLocks } from './runLocks';

export type FrameRunScope = {
  readonly scope: RunScope;
  readonly keyring: Promise<Keyring>;
  /** A new channel each call (close it when done). */
  openChannel(): RunChannel;
  /** The scope's ledger, opened on first use. */
  ledger(): Promise<IndexedDbLedger>;
  readonly locks: RunLocks;
};

/** Null without the token: then the frame can neither see nor start runs. */
export function frameRunScope(ctx: KeyringSource): FrameRunScope | null {
  const keyring = keyringFor(ctx);
  const scope = scopeOf(ctx);
  if (!keyring || !scope) return null;
  let ledger: Promise<IndexedDbLedger> | undefined;
  return {
    scope,
    keyring,
    openChannel: () => openSecureChannel(keyring),
    ledger() {
      ledger ??= keyring.then((k) => IndexedDbLedger.open(k));
      ledger.catch(() => (ledger = undefined));
      return ledger;
    },
    locks: browserRunLocks(keyring),
  };
}
