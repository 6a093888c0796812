import { systemClock } from '../engine/clock';
import { loadOperation } from '../operations/loadOperation';
import type { BulkSession } from '../ui/bulk/session';
import { RunLauncher } from './runLauncher';

/**
 * A launcher on a session's CMA client, ledger and channel. `bootId` names the boot frame that
 * executes what it starts ('' for one that only follows runs and reads reports).
 */
export function runLauncherFor(
  session: Pick<BulkSession, 'api' | 'ledger' | 'channel'>,
  bootId: string,
): RunLauncher {
  return new RunLauncher({
    engine: async () => ({
      api: session.api,
      loadOperation,
      clock: systemClock,
      ledger: await session.ledger(),
    }),
    channel: session.channel,
    bootId,
  });
}
