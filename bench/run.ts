/**
 * npm run bench [-- --json FILE] [--quick] [--only a,b,c] [--naive-cap-ms N] [--no-sweep]
 *                 [--sweep-only] [--no-heap]
 *
 * Runs the issue's workloads against the CMA simulator (in a worker thread, default timing
 * model and DatoCMS's 60 requests / 3 s) with this engine, sequential bulk calls through the
 * client's own polling, and the naive per-item loop (concurrency 6), and prints ratios.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_TIMING } from '../sandbox/sim/timing';
import { DEFAULT_RATE_LIMIT } from '../sandbox/sim/rate-limit';
import { DEFAULT_JOBS_IN_FLIGHT } from '../src/engine/run';
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

function lowerBound(key: Workload['key'], n: number): { ms: number; how: string } {
  if (key === 'c') {
    // One PUT per asset is the minimum; the rate limit allows `limit` per window.
    const ms = (n / rateLimit.limit) * rateLimit.windowMs;
    return {
      ms,
      how: `rate-limit bound: ${n} PUTs ÷ (${rateLimit.limit}/${rateLimit.windowMs} ms)`,
    };
  }
  const jobs = Math.ceil(n / 200);
  return {
    ms: (jobs / timing.jobSlots) * jobMs,
    how: `(${jobs} jobs ÷ ${timing.jobSlots} slots) × ${jobMs} ms`,
  };
}

function record(w: Workload, strategy: string, m: Measurement, notes = '') {
  const lb = lowerBound(w.key, w.ids.length);
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
            ? `, ${((100 * 1) / engine.ratioToLowerBound).toFixed(0)}% of rate-limit-bound throughput`
            : '') +
          '\n',
      );
    }
    if (!flag('--no-sweep') && (only.includes('a') || flag('--sweep-only'))) {
      const n = quick ? 1000 : 4000;
      console.log(`jobsInFlight sweep: add a tag to ${n} assets`);
      for (const jobsInFlight of [1, 2, 3, 4, 5, 6, 8]) {
        const w = await fresh(sim, 'a', n);
        record(
          w,
          `engine jobsInFlight=${jobsInFlight}`,
          await runEngine(sim.url, w, { jobsInFlight }),
          'sweep',
        );
      }
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
