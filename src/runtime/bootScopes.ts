/**
 * The boot frame's run hosts, one per scope (token, site, environment, installation). The boot
 * frame learns its ctx from every hook call: when the role (hence the token) or the environment
 * changes without a reload, a host for the new scope starts listening on that scope's channel;
 * hosts of earlier scopes stay, so runs they execute go on and can still be followed. Boot path.
 */
import { installBootHost, type Runner } from './bootHost';
import { openSecureChannel, type RunChannel } from './channel';
import { identityOf, keyringFor, type Keyring, type KeyringSource } from './keyring';

export type ScopeRunnerInput<C> = {
  readonly keyring: Keyring;
  readonly channel: RunChannel;
  /** The newest ctx of this scope (role and settings change without a reload). */
  readonly latestCtx: () => C;
};

export type BootScopes<C> = {
  /** Tells the boot frame its current ctx; cheap when the scope is already known. */
  use(ctx: C): void;
  /** How many scopes are hosted (tests). */
  readonly size: number;
};

export function createBootScopes<C extends KeyringSource>(options: {
  readonly bootId: string;
  readonly loadRunner: (input: ScopeRunnerInput<C>) => Promise<Runner>;
}): BootScopes<C> {
  const scopes = new Map<string, { latest: C }>();
  return {
    use(ctx) {
      const identity = identityOf(ctx);
      const keyring = keyringFor(ctx);
      if (!identity || !keyring) return; // no token: nothing can run, nothing listens
      const known = scopes.get(identity);
      if (known) {
        known.latest = ctx;
        return;
      }
      const scope = { latest: ctx };
      scopes.set(identity, scope);
      const channel = openSecureChannel(keyring);
      installBootHost({
        channel,
        bootId: options.bootId,
        loadRunner: async () =>
          options.loadRunner({ keyring: await keyring, channel, latestCtx: () => scope.latest }),
      });
    },
    get size() {
      return scopes.size;
    },
  };
}
