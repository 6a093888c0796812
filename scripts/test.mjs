// `npm test`: every check in order, stopping at the first failure, then one closing line with
// the test counts of Vitest and Playwright together ("N passed, N failed").
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
for (const [name, command] of steps) {
  console.log(`\n▶ ${name}: ${command}`);
  const result = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  });
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

const v = vitestCounts();
const p = playwrightCounts();
console.log(`\nVitest: ${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`);
console.log(`Playwright: ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
if (failedStep) console.log(`Stopped at the failing step: ${failedStep}`);
console.log(
  `${v.passed + p.passed} passed, ${v.failed + p.failed + (failedStep ? 1 : 0)} failed, ${v.skipped + p.skipped} skipped`,
);
process.exit(failedStep ? 1 : 0);
