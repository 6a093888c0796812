import type { Ledger } from '../ledger/ledger';

/**
 * `runId` and the runs it retried (its `retryOf`, that run's `retryOf`, …), newest first.
 * Runs no longer in the ledger end the chain; a cycle (never written, but cheap to refuse) too.
 */
export async function undoChain(ledger: Pick<Ledger, 'load'>, runId: string): Promise<string[]> {
  const chain: string[] = [];
  let next: string | undefined = runId;
  while (next && !chain.includes(next)) {
    const stored = await ledger.load(next);
    if (!stored) break;
    chain.push(next);
    next = stored.run.retryOf;
  }
  return chain;
}
