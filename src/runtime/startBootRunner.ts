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

export async function startBootRunner(ctx: BootFrameCtx, channel: RunChannel): Promise<Runner> {
  const access = readCmaAccess(ctx);
  if (!access) throw new Error(MISSING_TOKEN_MESSAGE);
  return createBootRunner({
    access,
    channel,
    ledger: await IndexedDbLedger.open(),
    onFinished: (summary, sentence) =>
      void ctx.customToast({
        type: summary.counts.failed > 0 ? 'warning' : 'notice',
        message: sentence,
        dismissAfterTimeout: summary.counts.failed === 0,
      }),
  });
}
