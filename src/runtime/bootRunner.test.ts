import { describe, expect, it } from 'vitest';
import { planChunks, type RunRecord } from '../engine/runState';
import { MemoryLedger } from '../ledger/ledger';
import { createBootRunner } from './bootRunner';
import type { RunChannel } from './channel';
import type { RunMessage } from './messages';
import { memoryRunLocks } from './runLocks';

function record(id: string, status: RunRecord['status']): RunRecord {
  return {
    id,
    operationId: 'uploads.addTags',
    input: { tags: ['x'] },
    createdAt: 1,
    updatedAt: 1,
    status,
    chunkSize: 2,
    total: 2,
    chunks: planChunks(2, 2),
    skippedAtResolution: {},
  };
}

function setup(authorize: (run: RunRecord) => string | null = () => null) {
  const posted: RunMessage[] = [];
  const channel: RunChannel = {
    post: (m) => posted.push(m),
    subscribe: () => () => {},
    close() {},
  };
  const ledger = new MemoryLedger();
  const locks = memoryRunLocks();
  let accessRead = 0;
  const runner = createBootRunner({
    channel,
    ledger,
    locks,
    authorize,
    getAccess: () => {
      accessRead++;
      return { apiToken: 't', environment: 'main', baseUrl: 'http://127.0.0.1:1' };
    },
  });
  return { runner, ledger, locks, posted, accessed: () => accessRead };
}

describe('boot runner: locks and resumes', () => {
  it('does not execute a run another frame holds (a second Resume, another tab)', async () => {
    const { runner, ledger, locks, posted, accessed } = setup();
    await ledger.saveIds('a', ['u1', 'u2']);
    await ledger.save(record('a', 'running'));
    let release!: () => void;
    const elsewhere = locks.withRunLock('a', () => new Promise<void>((r) => (release = r)));
    await runner.start('a', {});
    expect(accessed()).toBe(0);
    expect(posted).toEqual([]);
    expect(await locks.heldRunIds(['a', 'b'])).toEqual(new Set(['a']));
    release();
    await elsewhere;
    expect(await locks.heldRunIds(['a'])).toEqual(new Set());
  });

  it('does nothing for a run that already ended', async () => {
    const { runner, ledger, posted, accessed } = setup();
    for (const status of ['done', 'cancelled'] as const) {
      await ledger.saveIds(status, ['u1', 'u2']);
      await ledger.save(record(status, status));
      await runner.start(status, {});
    }
    expect(accessed()).toBe(0);
    expect(posted).toEqual([]);
  });

  it('re-checks every run before executing it: a refused run is not started and says why', async () => {
    const seen: string[] = [];
    const { runner, ledger, accessed } = setup((run) => {
      seen.push(run.id);
      return 'your role cannot edit assets';
    });
    await ledger.saveIds('a', ['u1', 'u2']);
    await ledger.save(record('a', 'running'));
    await expect(runner.start('a', {})).rejects.toThrow(
      'This run was not started: your role cannot edit assets.',
    );
    expect(seen).toEqual(['a']);
    expect(accessed()).toBe(0);
  });

  it('refuses a run that is not in the ledger', async () => {
    const { runner, accessed } = setup();
    await expect(runner.start('ghost', {})).rejects.toThrow('No run ghost in the ledger.');
    expect(accessed()).toBe(0);
  });
});
