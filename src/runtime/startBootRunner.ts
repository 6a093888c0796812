/** Builds the boot frame's runner of one scope. Lazy: loaded on the first run of the tab. */
import { MISSING_TOKEN_MESSAGE, readCmaAccess, type CmaAccessSource } from '../cma/access';
import { readParameters } from '../config/parameters';
import type { RoleLike } from '../config/permissions';
import { IndexedDbLedger, removeLegacyLedger } from '../ledger/indexedDbLedger';
import { runBlockedBecause } from '../ui/jobs/jobRows';
import type { Runner } from './bootHost';
import { createBootRunner } from './bootRunner';
import type { ScopeRunnerInput } from './bootScopes';
import type { KeyringSource } from './keyring';
import { browserRunLocks } from './runLocks';

export type BootFrameCtx = CmaAccessSource &
  KeyringSource & {
    readonly currentRole: unknown;
    readonly plugin: { readonly id: string; readonly attributes: { readonly parameters: unknown } };
    customToast(toast: {
      type: 'notice' | 'warning' | 'alert';
      message: string;
      dismissAfterTimeout?: boolean;
    }): Promise<unknown>;
  };

export async function startBootRunner({
  keyring,
  channel,
  latestCtx,
}: ScopeRunnerInput<BootFrameCtx>): Promise<Runner> {
  const accessNow = () => {
    const access = readCmaAccess(latestCtx());
    if (!access) throw new Error(MISSING_TOKEN_MESSAGE);
    return access;
  };
  accessNow();
  const locks = browserRunLocks(keyring);
  const ledger = await IndexedDbLedger.open(keyring);
  // Housekeeping, off the run's path: the retention policy and the old unscoped database.
  void ledger
    .applyRetention(Date.now(), (ids) => locks.heldRunIds(ids))
    .then(removeLegacyLedger)
    .catch(() => undefined);
  return createBootRunner({
    getAccess: accessNow,
    channel,
    ledger,
    locks,
    authorize: (run) => {
      const ctx = latestCtx();
      // The scope is the keyring's, so this holds by construction; checked all the same.
      if (ctx.environment !== keyring.scope.environment) return 'it belongs to another environment';
      return runBlockedBecause(run, {
        parameters: readParameters(ctx.plugin.attributes.parameters).parameters,
        role: ctx.currentRole as RoleLike,
        environment: ctx.environment,
      });
    },
    onFinished: (summary, sentence) =>
      void latestCtx().customToast({
        type: summary.counts.failed > 0 ? 'warning' : 'notice',
        message: sentence,
        dismissAfterTimeout: summary.counts.failed === 0,
      }),
  });
}
