/** Shared set-up for the simulator integration tests (sim-*.test.ts). */
import { ApiError, buildClient, type Client } from '@datocms/cma-client-browser';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../sandbox/sim/server';
import { FAST_TIMING } from '../support/sim-timing';

export const ADMIN = 'sim-admin-token';
export const EDITOR = 'sim-editor-token';

/** Tiny timings (the shared FAST_TIMING) and a generous rate limit: 429s happen only on purpose. */
export { FAST_TIMING };

export function startFastSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    seed: 'demo',
    timing: FAST_TIMING,
    rateLimit: { limit: 100_000, windowMs: 3_000 },
    quiet: true,
    ...options,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real client, with job polling taken over (the default poller waits 1 s, 2 s, 3 s…). */
export function fastClient(url: string, apiToken = ADMIN): Client {
  const client = buildClient({ apiToken, baseUrl: url });
  client.jobResultsFetcher = async (jobId) => {
    for (;;) {
      try {
        const result = await client.jobResults.rawFind(jobId);
        return {
          id: result.data.id,
          type: 'job_result',
          status: result.data.attributes.status,
          payload: result.data.attributes.payload,
        };
      } catch (error) {
        if (error instanceof ApiError && error.response.status === 404) {
          await sleep(5);
          continue;
        }
        throw error;
      }
    }
  };
  return client;
}

/** Resolves to the ApiError a promise rejects with; fails the test if it resolves. */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError');
}

export function errorCode(error: ApiError): string | undefined {
  return error.errors[0]?.attributes.code;
}

export type StateUpload = {
  id: string;
  filename: string;
  tags: string[];
  upload_collection: string | null;
  in_use: boolean;
  used_by: string[];
};
export type StateItem = {
  id: string;
  item_type: string;
  status: 'draft' | 'updated' | 'published' | null;
  stage: string | null;
  is_valid: boolean;
  locked: boolean;
  parent_id: string | null;
  /** Record ids the current / published version links to, blocks included. */
  links: string[];
  published_links: string[] | null;
};
export type StateCollection = {
  id: string;
  label: string;
  position: number;
  parent: string | null;
  children: string[];
};
export type SimState = {
  counts: { uploads: number; items: number; upload_collections: number; tags: number };
  uploads: StateUpload[];
  items: StateItem[];
  upload_collections: StateCollection[];
  tags: string[];
};

type StatePart = 'uploads' | 'items' | 'upload_collections' | 'tags';

/** GET /__sim/state; naming parts keeps the dump (and the test) small. */
export async function state<P extends StatePart = StatePart>(
  url: string,
  ...parts: P[]
): Promise<Pick<SimState, 'counts' | P>> {
  const include = parts.length > 0 ? `?include=${parts.join(',')}` : '';
  const response = await fetch(`${url}/__sim/state${include}`);
  return (await response.json()) as Pick<SimState, 'counts' | P>;
}

export async function admin<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Plain fetch with the client's headers, for bodies and checks the client cannot express. */
export async function cma(
  url: string,
  method: string,
  path: string,
  options: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const token = options.token === undefined ? ADMIN : options.token;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-api-version': '3',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: options.body ?? null,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

export function jsonApiError(json: unknown): { code: string; details: Record<string, unknown> } {
  const entry = (
    json as { data: { attributes: { code: string; details: Record<string, unknown> } }[] }
  ).data[0];
  if (!entry) throw new Error('not an api_error body');
  return entry.attributes;
}
