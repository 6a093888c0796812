/**
 * The plugin's settings (`plugin.attributes.parameters`), validated with valibot.
 * Anything missing, outdated or hand-edited is repaired to defaults and reported, never thrown.
 */
import * as v from 'valibot';
import { BULK_ACTIONS, type BulkActionId } from '../actions/catalog';
import { MAX_CHUNK_SIZE } from '../cma/limits';

export const MAX_JOBS_IN_FLIGHT = 8;
export const PARAMETERS_VERSION = 1;
/**
 * DatoCMS limits a plugin's parameters to 10 KB (CMA technical limits). Measured as the UTF-8
 * bytes of their JSON, against 10,000 bytes: the stricter reading of "10 KB" (not 10,240).
 */
export const MAX_PARAMETERS_BYTES = 10_000;

/** The size DatoCMS stores: the parameters' JSON, in UTF-8 bytes. */
export function parametersBytes(parameters: unknown): number {
  return new TextEncoder().encode(JSON.stringify(parameters)).length;
}

export type PluginParameters = {
  readonly version: typeof PARAMETERS_VERSION;
  /** Actions switched off here are not offered in any menu. */
  readonly enabledActions: Readonly<Record<BulkActionId, boolean>>;
  /** Ids per bulk call (1–200). */
  readonly chunkSize: number;
  /** Bulk jobs submitted and not yet finished at once (1–8). */
  readonly jobsInFlight: number;
  /** Destructive runs on more items than this ask for a typed phrase; 0 = always. */
  readonly typedConfirmationThreshold: number;
  /** Whether assets still used by records may be deleted at all. */
  readonly allowDeletingInUseAssets: boolean;
  /** Role ids allowed to run destructive actions; empty = every role the CMA permits. */
  readonly destructiveRoleIds: readonly string[];
  /** Tags offered first in the tag pickers. */
  readonly tagPresets: readonly string[];
};

export const DEFAULT_PARAMETERS: PluginParameters = {
  version: PARAMETERS_VERSION,
  enabledActions: Object.fromEntries(BULK_ACTIONS.map((a) => [a.id, true])) as Record<
    BulkActionId,
    boolean
  >,
  chunkSize: MAX_CHUNK_SIZE,
  jobsInFlight: 6, // = the engine's DEFAULT_JOBS_IN_FLIGHT (where its learned limit starts)
  typedConfirmationThreshold: 0,
  allowDeletingInUseAssets: false,
  destructiveRoleIds: [],
  tagPresets: [],
};

const field = {
  chunkSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CHUNK_SIZE)),
  jobsInFlight: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_JOBS_IN_FLIGHT)),
  typedConfirmationThreshold: v.pipe(v.number(), v.integer(), v.minValue(0)),
  allowDeletingInUseAssets: v.boolean(),
  destructiveRoleIds: v.array(v.pipe(v.string(), v.minLength(1))),
  tagPresets: v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))),
};

/** One switch per action: a bad value resets that action only, not the others. */
function readEnabledActions(raw: unknown, problems: string[]): PluginParameters['enabledActions'] {
  const enabled = { ...DEFAULT_PARAMETERS.enabledActions };
  if (raw === undefined) return enabled;
  if (!isRecord(raw)) {
    problems.push('“enabledActions” was invalid (not an object); every action is switched on.');
    return enabled;
  }
  for (const action of BULK_ACTIONS) {
    const value = raw[action.id];
    if (typeof value === 'boolean') enabled[action.id] = value;
    else if (value !== undefined)
      problems.push(`“enabledActions.${action.id}” was invalid (not true or false); it is on.`);
  }
  return enabled;
}

export type ParametersReading = {
  readonly parameters: PluginParameters;
  /** One sentence per value that was missing, invalid or outdated and got repaired. */
  readonly problems: readonly string[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads stored parameters field by field, so one bad value does not discard the others. */
export function readParameters(raw: unknown): ParametersReading {
  const problems: string[] = [];
  if (raw === undefined || raw === null || (isRecord(raw) && Object.keys(raw).length === 0)) {
    return { parameters: DEFAULT_PARAMETERS, problems };
  }
  if (!isRecord(raw)) {
    return {
      parameters: DEFAULT_PARAMETERS,
      problems: ['The stored settings are not an object; defaults are shown.'],
    };
  }
  if (raw.version !== PARAMETERS_VERSION) {
    problems.push(
      raw.version === undefined
        ? 'The stored settings have no version; they were read as the current version.'
        : `The stored settings are version ${String(raw.version)}; they were migrated to version ${PARAMETERS_VERSION}.`,
    );
  }
  const out: Record<string, unknown> = { ...DEFAULT_PARAMETERS };
  for (const key of Object.keys(field) as (keyof typeof field)[]) {
    if (!(key in raw)) continue;
    const result = v.safeParse(field[key], raw[key]);
    if (result.success) out[key] = result.output;
    else
      problems.push(
        `“${key}” was invalid (${result.issues[0]?.message ?? 'bad value'}); the default is used.`,
      );
  }
  out.enabledActions = readEnabledActions(raw.enabledActions, problems);
  out.tagPresets = [...new Set(out.tagPresets as string[])];
  out.version = PARAMETERS_VERSION;
  return { parameters: out as PluginParameters, problems };
}
