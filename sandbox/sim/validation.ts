/**
 * Request-body validation against JSON Schemas generated from RawApiTypes.ts (see
 * generate-schemas.ts). Violations answer 422 INVALID_FORMAT with `details.messages`, the shape
 * the CMA uses.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { invalidFormat } from './errors';
import type { HrefSchemaName, SchemaName } from './schema-names';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), 'schemas');
// strict: false because the generator emits a stray `minItems: {}` property schema.
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(schemaDir, `${name}.json`), 'utf8')) as object;
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const where = `#${error.instancePath}`;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` ("${String((error.params as { additionalProperty: string }).additionalProperty)}" is not a permitted key)`
      : error.keyword === 'const'
        ? ` (expected ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)})`
        : '';
  return `${where}: failed schema ${error.schemaPath}: ${error.message ?? 'is invalid'}${extra}.`;
}

/** Returns the body typed as T when it matches the schema; throws 422 INVALID_FORMAT otherwise. */
export function validateBody<T>(name: SchemaName, body: unknown): T {
  const validate = validatorFor(name);
  if (!validate(body === undefined ? null : body)) {
    if (body === undefined) throw invalidFormat(['#: failed schema: a request body is required.']);
    const messages = (validate.errors ?? []).map(describe);
    throw invalidFormat([...new Set(messages)]);
  }
  return body as T;
}

// Query strings carry strings: "true" → true, "30" → 30, a lone value → [value].
const queryAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: 'array' });
const queryValidators = new Map<HrefSchemaName, ValidateFunction>();

function queryValidatorFor(name: HrefSchemaName): ValidateFunction {
  let validate = queryValidators.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(schemaDir, 'hrefs', `${name}.json`), 'utf8')) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    if (name === 'ItemInstancesHrefSchema') {
      // Record filters and order_by depend on the model's fields: item-filter.ts checks them
      // against the typed filters per field type.
      const props = schema.definitions.ItemInstancesHrefSchema?.properties ?? {};
      props.order_by = { type: 'string' };
      const filter = props.filter as { properties?: Record<string, unknown> } | undefined;
      if (filter?.properties) filter.properties.fields = { type: 'object' };
    }
    validate = queryAjv.compile(schema);
    queryValidators.set(name, validate);
  }
  return validate;
}

/**
 * Checks query parameters against the endpoint's generated href schema (RawApiTypes
 * `*HrefSchema`); a violation → 422 INVALID_FORMAT with `details.messages`. The query itself is
 * left as parsed (the handlers read strings).
 */
export function validateQuery(name: HrefSchemaName, query: unknown): void {
  const validate = queryValidatorFor(name);
  const copy = structuredClone(query ?? {});
  if (!validate(copy)) {
    const messages = (validate.errors ?? []).map(describe).map((m) => m.replace(/^#/, '#query'));
    throw invalidFormat([...new Set(messages)]);
  }
}
