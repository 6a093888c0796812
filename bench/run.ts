/**
 * npm run bench [-- --json FILE] [--quick] [--only a,b,c] [--naive-cap-ms N] [--no-sweep]
 *                 [--sweep-only] [--no-heap] [--slots 1,2,4,8]
 *
 * Runs the issue's workloads against the CMA simulator (in a worker thread, default timing
 * model, DatoCMS's 60 requests / 3 s, rate-limit headers hidden as a cross-origin browser sees
 * them) with this engine, sequential bulk calls through the client's own polling, and the
 * naive per-item loop (concurrency 6), and prints ratios. The sweep runs workload (a) with the
 * simulator at 1, 2, 4 and 8 job workers, every time with the engine's default settings.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_TIMING } from '../sandbox/sim/timing';
import { DEFAULT_RATE_LIMIT } from '../sandbox/sim/rate-limit';
import { DEFAULT_JOBS_IN_FLIGHT } from '../src/engine/run';
import { workloadBounds } from './bounds';
import { startSimWorker, type SimHandle } from './simHandle';
import { runEngine, runNaive, runSequential, type Measurement, type Workload } from './strategies';
import { measurePeakHeap } from './heap';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const only = (option('--only') ?? 'a,b,c').split(',');
const naiveCapMs = Number(option('--naive-cap-ms') ?? (quick ? 10_000 : 60_000));
const jsonFile = option('--json');

const N = quick ? { a: 2000, b: 1000, c: 300 } : { a: 10_000, b: 5_000, c: 2_000 };
const sweepSlots = (option('--slots') ?? '1,2,4,8').split(',').map(Number);
const timing = DEFAULT_TIMING;
const rateLimit = DEFAULT_RATE_LIMIT;
const jobMs = timing.jobOverheadMs + timing.perItemMs * 200;

type BenchRecord = Measurement & {
  workload: string;
  strategy: string;
  items: number;
  pollsPerJob: number | null;
  lowerBoundMs: number;
  ratioToLowerBound: number;
  speedupVsSequential: number | null;
  speedupVsNaive: number | null;
  notes: string;
};

const records: BenchRecord[] = [];

async function fresh(sim: SimHandle, key: Workload['key'], n: number): Promise<Workload> {
  await sim.admin('POST', '/__sim/reset', { seed: 'empty', randomSeed: 1 });
  await sim.admin('PUT', '/__sim/rate-limit', { headers: 'hidden' });
  // A fresh rate window for every strategy.
  await new Promise((r) => setTimeout(r, rateLimit.windowMs + 100));
  const ids: string[] = [];
  if (key === 'b') {
    for (let left = n; left > 0; left -= 5000)
      ids.push(
        ...(
          await sim.admin<{ ids: string[] }>('POST', '/__sim/items', {
            item_type: 'article',
            status: 'draft',
            count: Math.min(5000, left),
          })
        ).ids,
      );
    return { key, title: `publish ${n} records`, operationId: 'items.publish', input: {}, ids };
  }
  const tags = key === 'c' ? ['remove-me', 'keep'] : ['keep'];
  for (let left = n; left > 0; left -= 20_000)
    ids.push(
      ...(
        await sim.admin<{ ids: string[] }>('POST', '/__sim/uploads', {
          count: Math.min(20_000, left),
          tags,
        })
      ).ids,
    );
  const tagsOf = new Map(ids.map((id) => [id, tags]));
  return key === 'a'
    ? {
        key,
        title: `add a tag to ${n} assets`,
        operationId: 'uploads.addTags',
        input: { tags: ['bench'] },
        ids,
        tagsOf,
      }
    : {
        key,
        title: `remove a tag from ${n} assets`,
        operationId: 'uploads.removeTags',
        input: { tags: ['remove-me'] },
        ids,
        tagsOf,
      };
}

/** Reads the run must make: its ids in filter[ids] lookups of up to 500 (the bench's short ids). */
const lookups = (n: number) => Math.ceil(n / 500);

function lowerBound(
  key: Workload['key'],
  n: number,
  slots = timing.jobSlots,
): { ms: number; how: string } {
  if (key === 'c') {
    // Every request it must send, at the allowed rate: one PUT per asset, the assets read once
    // before (which need the change) and once after (did it land).
    const requests = n + 2 * lookups(n);
    const ms = (requests / rateLimit.limit) * rateLimit.windowMs;
    return {
      ms,
      how: `rate-limit bound: (${n} PUTs + ${2 * lookups(n)} reads) ÷ (${rateLimit.limit}/${rateLimit.windowMs} ms)`,
    };
  }
  if (key === 'a' || key === 'b') {
    const b = workloadBounds(n, slots);
    return {
      ms: b.bound,
      how:
        `max(${Math.ceil(n / 200)} jobs in rounds of ${slots} × ${jobMs} ms = ${(b.rounds / 1000).toFixed(1)} s, ` +
        `${b.minRequests} requests at ${rateLimit.limit}/${rateLimit.windowMs} ms = ${(b.requests / 1000).toFixed(1)} s); ` +
        `jobs ÷ slots: ${(b.fractional / 1000).toFixed(2)} s`,
    };
  }
  const jobs = Math.ceil(n / 200);
  return {
    ms: (jobs / slots) * jobMs,
    how: `(${jobs} jobs ÷ ${slots} slots) × ${jobMs} ms`,
  };
}

function record(w: Workload, strategy: string, m: Measurement, notes = '', slots?: number) {
  const lb = lowerBound(w.key, w.ids.length, slots);
  const r: BenchRecord = {
    workload: `(${w.key}) ${w.title}`,
    strategy,
    items: w.ids.length,
    ...m,
    pollsPerJob: m.jobs > 0 ? m.polls / m.jobs : null,
    lowerBoundMs: Math.round(lb.ms),
    ratioToLowerBound: m.wallMs / lb.ms,
    speedupVsSequential: null,
    speedupVsNaive: null,
    notes,
  };
  records.push(r);
  const fmt = (x: number) => (x / 1000).toFixed(1) + ' s';
  console.log(
    `  ${strategy.padEnd(22)} ${fmt(m.wallMs).padStart(9)}${m.extrapolated ? '*' : ' '} ` +
      `req ${String(m.requests).padStart(6)}  polls/job ${r.pollsPerJob?.toFixed(2) ?? ' n/a'}  ` +
      `429 resp ${m.responses429} / to user ${m.user429}  ×LB ${r.ratioToLowerBound.toFixed(2)}  ` +
      `ok ${m.succeeded} failed ${m.failed}${m.extrapolated ? ` (stopped after ${m.processed})` : ''}`,
  );
  return r;
}

async function main() {
  console.log('Simulator timing model:', JSON.stringify(timing));
  console.log(
    'Rate limit:',
    JSON.stringify(rateLimit),
    `| engine default jobsInFlight ${DEFAULT_JOBS_IN_FLIGHT}`,
  );
  console.log(
    `Bulk job of 200 ids: ${jobMs} ms; ${quick ? 'QUICK sizes' : 'full sizes'}; naive loop capped at ${naiveCapMs} ms (* = extrapolated)\n`,
  );
  const sim = await startSimWorker({ seed: 'empty', randomSeed: 1, timing, rateLimit });
  try {
    for (const key of ['a', 'b', 'c'] as const) {
      if (!only.includes(key) || flag('--sweep-only')) continue;
      await sim.admin('PUT', '/__sim/timing', { jobSlots: timing.jobSlots });
      const n = N[key];
      let w = await fresh(sim, key, n);
      console.log(
        `(${key}) ${w.title} — lower bound ${(lowerBound(key, n).ms / 1000).toFixed(1)} s: ${lowerBound(key, n).how}`,
      );
      const engine = record(w, 'engine', await runEngine(sim.url, w));
      let seq: BenchRecord | undefined;
      if (key !== 'c') {
        w = await fresh(sim, key, n);
        seq = record(w, 'sequential bulk', await runSequential(sim.url, w));
      }
      w = await fresh(sim, key, n);
      const naive = record(w, 'naive per-item ×6', await runNaive(sim.url, w, naiveCapMs));
      if (seq) engine.speedupVsSequential = seq.wallMs / engine.wallMs;
      engine.speedupVsNaive = naive.wallMs / engine.wallMs;
      console.log(
        `  → engine ${engine.ratioToLowerBound.toFixed(2)}× lower bound` +
          (seq ? `, ${engine.speedupVsSequential!.toFixed(1)}× faster than sequential` : '') +
          `, ${engine.speedupVsNaive.toFixed(1)}× faster than naive` +
          (key === 'c'
            ? `, ${(100 / engine.ratioToLowerBound).toFixed(1)}% of the rate-limit bound; ` +
              `${engine.requests} requests sent at ${((100 * engine.requests) / (engine.wallMs / rateLimit.windowMs) / rateLimit.limit).toFixed(1)}% of the allowed rate`
            : '') +
          '\n',
      );
    }
    if (!flag('--no-sweep') && (only.includes('a') || flag('--sweep-only'))) {
      const n = N.a;
      console.log(
        `Job workers sweep: add a tag to ${n} assets, engine defaults (jobs in flight starts at ${DEFAULT_JOBS_IN_FLIGHT})`,
      );
      for (const slots of sweepSlots) {
        const w = await fresh(sim, 'a', n);
        await sim.admin('PUT', '/__sim/timing', { jobSlots: slots });
        const lb = lowerBound('a', n, slots);
        console.log(`  ${slots} workers — bound ${(lb.ms / 1000).toFixed(1)} s: ${lb.how}`);
        const r = record(
          w,
          `engine, ${slots} workers`,
          await runEngine(sim.url, w),
          'sweep',
          slots,
        );
        const frac = workloadBounds(n, slots).fractional;
        console.log(
          `    → ${r.ratioToLowerBound.toFixed(2)}× its bound (${(r.wallMs / frac).toFixed(2)}× jobs ÷ slots)`,
        );
      }
      await sim.admin('PUT', '/__sim/timing', { jobSlots: timing.jobSlots });
      console.log('');
    }
  } finally {
    await sim.close();
  }
  if (!flag('--no-heap')) {
    const heap = await measurePeakHeap(quick ? 20_000 : 100_000);
    console.log(
      `Peak heap, ${heap.ids.toLocaleString('en')}-id add-tags run (sim in a worker, timing ${JSON.stringify(heap.timing)}, rate limit ${JSON.stringify(heap.rateLimit)}):\n` +
        `  baseline ${heap.baselineMb.toFixed(1)} MB, peak ${heap.peakMb.toFixed(1)} MB, run added ${(heap.peakMb - heap.baselineMb).toFixed(1)} MB; ` +
        `${heap.succeeded} succeeded in ${(heap.wallMs / 1000).toFixed(1)} s`,
    );
    records.push({
      workload: `heap ${heap.ids} ids`,
      strategy: 'engine',
      items: heap.ids,
      wallMs: heap.wallMs,
      requests: heap.requests,
      polls: 0,
      jobs: 0,
      responses429: 0,
      user429: 0,
      succeeded: heap.succeeded,
      failed: heap.ids - heap.succeeded,
      processed: heap.ids,
      extrapolated: false,
      pollsPerJob: null,
      lowerBoundMs: 0,
      ratioToLowerBound: 0,
      speedupVsSequential: null,
      speedupVsNaive: null,
      notes: `peakHeapMb=${heap.peakMb.toFixed(1)} baselineMb=${heap.baselineMb.toFixed(1)}`,
    });
  }
  if (jsonFile) {
    writeFileSync(
      jsonFile,
      JSON.stringify({ timing, rateLimit, jobMs, quick, naiveCapMs, records }, null, 2) + '\n',
    );
    console.log(`\nWrote ${records.length} records to ${jsonFile}`);
  }
}

await main();
