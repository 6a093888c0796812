/**
 * Environments: one project store per environment. The primary (`main`) is built from the seed;
 * sandboxes are forks of another environment (a deep copy with the same ids, separate data from
 * then on). Requests pick one with `X-Environment`; no header means the primary.
 * Sources: RawApiTypes `Environment`; "Immutable IDs during environment fork" (product update);
 * datocms/agent-skills `environments.md`.
 */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import { SimError } from './errors';
import type { Store } from './store';

export const PRIMARY_ENVIRONMENT = 'main';
export const SANDBOX_ENVIRONMENT = 'staging';

export type EnvironmentRec = {
  id: string;
  primary: boolean;
  forkedFrom: string | null;
  createdAt: string;
  store: Store;
};

/** "ID of environment. Can only contain lowercase letters, numbers and dashes" (CMA docs). */
const ID_PATTERN = /^[a-z0-9-]+$/;

export class Environments {
  private readonly byId = new Map<string, EnvironmentRec>();

  constructor(primaryStore: Store, now = new Date().toISOString()) {
    this.byId.set(PRIMARY_ENVIRONMENT, {
      id: PRIMARY_ENVIRONMENT,
      primary: true,
      forkedFrom: null,
      createdAt: now,
      store: primaryStore,
    });
  }

  get primary(): EnvironmentRec {
    for (const env of this.byId.values()) if (env.primary) return env;
    throw new Error('no primary environment');
  }

  list(): EnvironmentRec[] {
    return [...this.byId.values()];
  }

  find(id: string): EnvironmentRec | undefined {
    return this.byId.get(id);
  }

  /** The environment a request's `X-Environment` names; unknown → 404 INVALID_ENVIRONMENT. */
  resolve(header: string | undefined): EnvironmentRec {
    if (header === undefined || header === '') return this.primary;
    const env = this.byId.get(header);
    if (!env) {
      throw new SimError(404, 'INVALID_ENVIRONMENT', {
        environment: header,
        available: [...this.byId.keys()],
      });
    }
    return env;
  }

  /** Forks `sourceId` into a new sandbox `id` (same ids, separate data). Throws plain Errors. */
  fork(sourceId: string, id: string, now = new Date().toISOString()): EnvironmentRec {
    if (!ID_PATTERN.test(id)) {
      throw new Error('environment id can only contain lowercase letters, numbers and dashes');
    }
    if (this.byId.has(id)) throw new Error(`environment ${id} already exists`);
    const source = this.byId.get(sourceId);
    if (!source) throw new Error(`environment ${sourceId} does not exist`);
    const env: EnvironmentRec = {
      id,
      primary: false,
      forkedFrom: source.id,
      createdAt: now,
      store: source.store.fork(),
    };
    this.byId.set(id, env);
    return env;
  }

  /** Drops a sandbox (the primary cannot be destroyed). Throws plain Errors. */
  destroy(id: string): void {
    const env = this.byId.get(id);
    if (!env) throw new Error(`environment ${id} does not exist`);
    if (env.primary) throw new Error('the primary environment cannot be destroyed');
    this.byId.delete(id);
  }
}

export function serializeEnvironment(env: EnvironmentRec): RawApiTypes.Environment {
  return {
    type: 'environment',
    id: env.id,
    meta: {
      status: 'ready',
      read_only_mode: false,
      created_at: env.createdAt,
      last_data_change_at: env.store.lastDataChangeAt ?? env.createdAt,
      primary: env.primary,
      forked_from: env.forkedFrom,
    },
  };
}
