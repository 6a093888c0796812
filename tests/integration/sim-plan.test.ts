/** A plan without workflows (an Enterprise feature), with the real client. */
import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { admin, apiError, errorCode, fastClient, startFastSimulator } from './sim-helpers';

let running: RunningSimulator;
let client: Client;

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url);
});
afterAll(() => running.close());
beforeEach(async () => {
  await admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' });
  await admin(running.url, 'PUT', '/__sim/plan', { workflows: true, workflowsListing: 'error' });
});

describe('simulator plan without workflows', () => {
  it('answers GET /workflows with PLAN_UPGRADE_REQUIRED (or an empty list) and shows no stages', async () => {
    expect(await client.workflows.list()).toHaveLength(1);
    const plan = await admin<{ workflows: boolean }>(running.url, 'PUT', '/__sim/plan', {
      workflows: false,
    });
    expect(plan.workflows).toBe(false);
    const error = await apiError(client.workflows.list());
    expect(error.response.status).toBe(422);
    expect(errorCode(error)).toBe('PLAN_UPGRADE_REQUIRED');
    expect((await client.itemTypes.find('press_release')).workflow).toBeNull();
    const [press] = await client.items.list({
      filter: { type: 'press_release' },
      page: { limit: 1 },
    });
    expect(press?.meta.stage).toBeNull();
    const move = await apiError(
      client.items.bulkMoveToStage({
        items: [{ type: 'item', id: press?.id ?? '' }],
        stage: 'approved',
      }),
    );
    expect(errorCode(move)).toBe('PLAN_UPGRADE_REQUIRED');
    // Everything else works as before.
    await client.items.bulkPublish({ items: [{ type: 'item', id: 'r00036' }] });
    expect((await client.items.find('r00036')).meta.status).toBe('published');

    await admin(running.url, 'PUT', '/__sim/plan', { workflowsListing: 'empty' });
    expect(await client.workflows.list()).toEqual([]);
  });
});
