// `npm test`: every check in order, stopping at the first failure, then one closing line with
// the test counts of Vitest and Playwright together ("N passed, N failed"). The summary also gives
// each step's time and the slowest e2e specs and tests, so a slow suite shows where the time goes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = '.cache/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = `${reports}/vitest.json`;
const playwrightJson = `${reports}/playwright.json`;

const steps = [
  ['deps', 'node scripts/ensure-deps.mjs'],
  ['lint', 'npm run lint'],
  ['typecheck', 'npm run typecheck'],
  [
    'unit + integration',
    `npx vitest run --reporter=default --reporter=json --outputFile.json=${vitestJson}`,
  ],
  ['chromium', 'node scripts/ensure-chromium.mjs'],
  ['build', 'npm run build && npm run build:host'],
  ['e2e', `npx playwright test --reporter=list,json`],
];

let failedStep = null;
const timings = [];
for (const [name, command] of steps) {
  console.log(`\n▶ ${name}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  });
  timings.push([name, Date.now() - started]);
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

function vitestCounts() {
  if (!existsSync(vitestJson)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
}

function playwrightCounts() {
  if (!existsSync(playwrightJson)) return { passed: 0, failed: 0, skipped: 0 };
  const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Every e2e test of the Playwright JSON report as { file, title, ms } (all its attempts). */
function playwrightTests() {
  if (!existsSync(playwrightJson)) return [];
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      const ms = spec.tests
        .flatMap((t) => t.results ?? [])
        .reduce((sum, result) => sum + (result.duration ?? 0), 0);
      out.push({ file: spec.file, title: [...titles, spec.title].join(' › '), ms });
    }
    for (const child of suite.suites ?? [])
      walk(child, child.file ? titles : [...titles, child.title]);
  };
  for (const suite of JSON.parse(readFileSync(playwrightJson, 'utf8')).suites ?? [])
    walk(suite, []);
  return out;
}

function printSlowest() {
  const tests = playwrightTests();
  if (tests.length === 0) return;
  const byFile = new Map();
  for (const t of tests) byFile.set(t.file, (byFile.get(t.file) ?? 0) + t.ms);
  const specs = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log('\nSlowest e2e specs:');
  for (const [file, ms] of specs) console.log(`  ${seconds(ms).padStart(8)}  ${file}`);
  console.log('Slowest e2e tests:');
  for (const t of [...tests].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
    console.log(`  ${seconds(t.ms).padStart(8)}  ${t.file} › ${t.title}`);
  }
}

console.log('\nStep times:');
for (const [name, ms] of timings) console.log(`  ${seconds(ms).padStart(8)}  ${name}`);
console.log(`  ${seconds(timings.reduce((sum, [, ms]) => sum + ms, 0)).padStart(8)}  total`);
printSlowest();

const v = vitestCounts();
const p = playwrightCounts();
console.log(`\nVitest: ${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`);
console.log(`Playwright: ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
if (failedStep) console.log(`Stopped at the failing step: ${failedStep}`);
console.log(
  `${v.passed + p.passed} passed, ${v.failed + p.failed + (failedStep ? 1 : 0)} failed, ${v.skipped + p.skipped} skipped`,
);
process.exit(failedStep ? 1 : 0);
