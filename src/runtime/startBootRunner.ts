/** Builds the boot frame's runner from its ctx. Lazy: loaded on the first run of the tab. */
import { MISSING_TOKEN_MESSAGE, readCmaAccess, type CmaAccessSource } from '../cma/access';
import { IndexedDbLedger } from '../ledger/indexedDbLedger';
import type { Runner } from './bootHost';
import { createBootRunner } from './bootRunner';
import type { RunChannel } from './channel';

export type BootFrameCtx = CmaAccessSource & {
  customToast(toast: {
    type: 'notice' | 'warning' | 'alert';
    message: string;
    dismissAfterTimeout?: boolean;
  }): Promise<unknown>;
};

/** `latestCtx` returns the boot frame's newest ctx (it changes with the role, without a reload). */
export async function startBootRunner(
  latestCtx: () => BootFrameCtx,
  channel: RunChannel,
): Promise<Runner> {
  const accessNow = () => {
    const access = readCmaAccess(latestCtx());
    if (!access) throw new Error(MISSING_TOKEN_MESSAGE);
    return access;
  };
  accessNow();
  return createBootRunner({
    getAccess: accessNow,
    channel,
    ledger: await IndexedDbLedger.open(),
    onFinished: (summary, sentence) =>
      void latestCtx().customToast({
        type: summary.counts.failed > 0 ? 'warning' : 'notice',
        message: sentence,
        dismissAfterTimeout: summary.counts.failed === 0,
      }),
  });
}
