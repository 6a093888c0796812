/**
 * Generates the JSON Schemas the simulator validates request bodies with, from the wire types
 * that ship with @datocms/cma-client. Run with `npm run sim:schemas`; the output is committed so
 * that tests and `npm start` never need the (slow) TypeScript program this builds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { SCHEMA_NAMES } from './schema-names';

const require = createRequire(import.meta.url);
const clientRoot = dirname(require.resolve('@datocms/cma-client/package.json'));
const rawApiTypes = join(clientRoot, 'src/generated/RawApiTypes.ts');
const outDir = join(dirname(fileURLToPath(import.meta.url)), 'schemas');

// One generator for every type: building the TypeScript program is the expensive part.
const generator = createGenerator({
  path: rawApiTypes,
  skipTypeCheck: true,
  expose: 'export',
  topRef: true,
  jsDoc: 'basic',
  additionalProperties: false,
});

mkdirSync(outDir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  const schema = generator.createSchema(name);
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}.json`);
}
