/**
 * Environments: a primary `main` and a `staging` fork with the same ids and separate data, picked
 * by X-Environment (what the real client sends from `environment`), with the real client.
 */
import { buildClient, type Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  ADMIN,
  admin,
  apiError,
  errorCode,
  fastClient,
  startFastSimulator,
  state,
} from './sim-helpers';

let running: RunningSimulator;
let main: Client;
let staging: Client;

function envClient(environment: string | undefined, token = ADMIN): Client {
  const client = fastClient(running.url, token);
  if (!environment) return client;
  const scoped = buildClient({ apiToken: token, baseUrl: running.url, environment });
  scoped.jobResultsFetcher = client.jobResultsFetcher;
  return scoped;
}

beforeAll(async () => {
  running = await startFastSimulator();
  main = envClient(undefined);
  staging = envClient('staging');
});
afterAll(() => running.close());
beforeEach(() => admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' }));

describe('simulator environments', () => {
  it('lists main (primary) and staging (forked from main) as RawApiTypes Environment', async () => {
    const environments = await main.environments.list();
    expect(environments.map((env) => env.id)).toEqual(['main', 'staging']);
    const [primary, sandbox] = environments;
    expect(primary).toMatchObject({
      type: 'environment',
      meta: { primary: true, status: 'ready', forked_from: null, read_only_mode: false },
    });
    expect(sandbox?.meta).toMatchObject({ primary: false, status: 'ready', forked_from: 'main' });
    expect(Date.parse(sandbox?.meta.created_at ?? '')).not.toBeNaN();
    expect((await staging.environments.find('staging')).meta.primary).toBe(false);
    const unknown = await apiError(main.environments.find('nope'));
    expect(unknown.response.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });

  it('forks keep every id; writes in one environment leave the other untouched', async () => {
    const [mainUpload] = await main.uploads.list({ filter: { ids: 'u00001' } });
    const [stagingUpload] = await staging.uploads.list({ filter: { ids: 'u00001' } });
    expect(stagingUpload?.filename).toBe(mainUpload?.filename);
    expect((await staging.items.find('r00036')).meta.status).toBe('draft');

    await staging.uploads.bulkTag({ uploads: [{ type: 'upload', id: 'u00001' }], tags: ['x-env'] });
    await staging.items.bulkPublish({ items: [{ type: 'item', id: 'r00036' }] });

    expect((await staging.items.find('r00036')).meta.status).toBe('published');
    expect((await main.items.find('r00036')).meta.status).toBe('draft');
    const inStaging = await admin<{
      environment: string;
      uploads: { id: string; tags: string[] }[];
    }>(running.url, 'GET', '/__sim/state?include=uploads&environment=staging');
    expect(inStaging.environment).toBe('staging');
    expect(inStaging.uploads.find((u) => u.id === 'u00001')?.tags).toContain('x-env');
    const inMain = await state(running.url, 'uploads');
    expect(inMain.uploads.find((u) => u.id === 'u00001')?.tags).not.toContain('x-env');
  });

  it('answers an unknown X-Environment with 404 INVALID_ENVIRONMENT', async () => {
    const error = await apiError(envClient('nope').items.find('r00001'));
    expect(error.response.status).toBe(404);
    expect(errorCode(error)).toBe('INVALID_ENVIRONMENT');
  });

  it('runs a job in the environment it was submitted in; job results are per project', async () => {
    await admin(running.url, 'DELETE', '/__sim/log');
    await staging.items.bulkPublish({ items: [{ type: 'item', id: 'r00037' }] });
    const jobs = await admin<{ data: { id: string; environment: string }[] }>(
      running.url,
      'GET',
      '/__sim/jobs',
    );
    const job = jobs.data.at(-1);
    expect(job?.environment).toBe('staging');
    // The job id is found whichever environment the poll names (and without one).
    const fromMain = await main.jobResults.rawFind(job?.id ?? '');
    expect(fromMain.data.attributes.status).toBe(200);
    expect((await main.items.find('r00037')).meta.status).toBe('draft');
    const log = await admin<{ data: { path: string; environment: string | null }[] }>(
      running.url,
      'GET',
      '/__sim/log',
    );
    const submit = log.data.find((entry) => entry.path === '/items/bulk/publish');
    expect(submit?.environment).toBe('staging');
    expect(log.data.find((entry) => entry.path.startsWith('/job-results/'))?.environment).toBe(
      'main',
    );
  });

  it('matches role rules against the request environment and honours environments_access', async () => {
    const tokens = await admin<{ data: { token: string; role: Record<string, unknown> }[] }>(
      running.url,
      'GET',
      '/__sim/tokens',
    );
    const adminRole = structuredClone(tokens.data.find((entry) => entry.token === ADMIN)?.role) as {
      id: string;
      attributes: { name: string };
      meta: {
        final_permissions: {
          environments_access: string;
          positive_upload_permissions: { environment: string }[];
        };
      };
    };
    // A role whose upload rule exists in main only: nothing is allowed on uploads in staging.
    const mainOnly = structuredClone(adminRole);
    mainOnly.id = 'role-main-only';
    mainOnly.attributes.name = 'Main only';
    mainOnly.meta.final_permissions.positive_upload_permissions =
      mainOnly.meta.final_permissions.positive_upload_permissions.filter(
        (rule) => rule.environment === 'main',
      );
    await admin(running.url, 'POST', '/__sim/tokens', { token: 'main-only', role: mainOnly });
    const tagOne = (client: Client) =>
      client.uploads.bulkTag({ uploads: [{ type: 'upload', id: 'u00002' }], tags: ['t'] });
    await tagOne(envClient(undefined, 'main-only'));
    const denied = await apiError(tagOne(envClient('staging', 'main-only')));
    expect(denied.response.status).toBe(403);
    expect(errorCode(denied)).toBe('INSUFFICIENT_PERMISSIONS');

    const primaryOnly = structuredClone(adminRole);
    primaryOnly.id = 'role-primary-only';
    primaryOnly.meta.final_permissions.environments_access = 'primary_only';
    await admin(running.url, 'POST', '/__sim/tokens', { token: 'primary-only', role: primaryOnly });
    expect((await envClient(undefined, 'primary-only').site.find()).id).toBeDefined();
    const outside = await apiError(envClient('staging', 'primary-only').site.find());
    expect(outside.response.status).toBe(403);
    expect(errorCode(outside)).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('forks more environments and seeds them through ?environment= on admin endpoints', async () => {
    const forked = await admin<{ data: { id: string; meta: { forked_from: string } } }>(
      running.url,
      'POST',
      '/__sim/environments',
      { id: 'feature-x', forkOf: 'staging' },
    );
    expect(forked.data.meta.forked_from).toBe('staging');
    const created = await admin<{ ids: string[] }>(
      running.url,
      'POST',
      '/__sim/items?environment=feature-x',
      { item_type: 'author', count: 1 },
    );
    const id = created.ids[0] ?? '';
    const feature = envClient('feature-x');
    expect((await feature.items.find(id)).id).toBe(id);
    // Ids keep counting in each environment on its own, so main allocates the same next id.
    await expect(main.items.find(id)).rejects.toMatchObject({ response: { status: 404 } });
    const bad = await fetch(`${running.url}/__sim/environments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'Bad Name' }),
    });
    expect(bad.status).toBe(400);
  });
});
