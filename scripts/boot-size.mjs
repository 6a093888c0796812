// Prints the JS the hidden boot frame loads (the entry chunk and its static imports, gzipped)
// and fails the build when it exceeds the budget. Lazy render modes are not counted: the boot
// frame never loads them.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_BYTES = 25 * 1024;
const dist = process.argv[2] ?? 'dist';
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const seen = new Set();
function visit(key) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) visit(dep);
}
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('No entry chunk in the Vite manifest');
visit(entryKey);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`  boot: ${file} ${(gz / 1024).toFixed(2)} KB gzip`);
}
const css = [...seen].flatMap((key) => manifest[key].css ?? []);
console.log(
  `Boot frame JS: ${(total / 1024).toFixed(2)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)` +
    (css.length ? `; boot CSS: ${css.join(', ')}` : '; no boot CSS'),
);
if (total > BUDGET_BYTES) {
  console.error('The boot bundle is over budget: keep React, the CMA client and the UI lazy.');
  process.exit(1);
}
