/**
 * `npm run sim -- --port 3001 --seed demo|empty [--random-seed N] [--rate-limit-headers exposed|hidden]`:
 * runs the CMA simulator alone
 * and prints its base URL and the demo API tokens.
 */
import { parseArgs } from 'node:util';
import type { SeedKind } from './seed';
import { startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3001' },
    seed: { type: 'string', default: 'demo' },
    'random-seed': { type: 'string' },
    'rate-limit-headers': { type: 'string', default: 'hidden' },
  },
});

const seed = values.seed as SeedKind;
if (seed !== 'demo' && seed !== 'empty') {
  console.error('--seed must be "demo" or "empty"');
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be an integer between 0 and 65535');
  process.exit(1);
}
const randomSeed = values['random-seed'] === undefined ? undefined : Number(values['random-seed']);
const headers = values['rate-limit-headers'];
if (headers !== 'exposed' && headers !== 'hidden') {
  console.error('--rate-limit-headers must be "exposed" or "hidden"');
  process.exit(1);
}

const running = await startSimulator({
  port,
  seed,
  rateLimit: { headers },
  ...(randomSeed !== undefined && Number.isInteger(randomSeed) ? { randomSeed } : {}),
});
const { store } = running.sim.environments.primary;
console.log(`DatoCMS CMA simulator listening on ${running.url}`);
console.log(
  `  seed: ${seed} — ${store.uploads.size} assets, ${store.collections.size} collections, ` +
    `${store.tags.size} tags, ${store.items.size} records in ${store.itemTypes.size} models`,
);
console.log('  API tokens (Authorization: Bearer <token>):');
for (const { token, label } of running.sim.tokens.values()) {
  console.log(`    ${token.padEnd(24)} ${label}`);
}
console.log(
  `  environments: ${running.sim.environments
    .list()
    .map((env) => `${env.id}${env.primary ? ' (primary)' : ` (forked from ${env.forkedFrom})`}`)
    .join(', ')} — pick one with the X-Environment header`,
);
console.log(`  admin: ${running.url}/__sim/state, /__sim/log, /__sim/faults, /__sim/timing`);

const stop = async (): Promise<void> => {
  await running.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
