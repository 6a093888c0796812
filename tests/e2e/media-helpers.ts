import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from '@playwright/test';
import type { SimAdmin } from '../support/sim-admin';
import { UI_TIMING } from '../support/sim-timing';
import { expect, type HostPage, type test as Test } from './fixtures';

export type SimUpload = {
  id: string;
  filename: string;
  tags: string[];
  upload_collection: string | null;
  in_use: boolean;
};

export type SimState = {
  uploads: SimUpload[];
  upload_collections: { id: string; label: string }[];
};

export async function simState(host: HostPage): Promise<SimState> {
  const r = await fetch(`${host.urls.simUrl}/__sim/state?include=uploads,upload_collections`);
  return (await r.json()) as SimState;
}

export async function uploadsById(host: HostPage): Promise<Map<string, SimUpload>> {
  return new Map((await simState(host)).uploads.map((u) => [u.id, u]));
}

export async function simPut(host: HostPage, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${host.urls.simUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`PUT ${path} answered ${r.status}`);
}

/** Fast jobs for UI tests; /__sim/reset keeps timing, so every test sets what it needs. */
export const FAST = UI_TIMING;

let savedTiming: unknown;

/** Fast sim timing for a spec; /__sim/reset keeps timing, so the old one is put back after. */
export function fastTimingFor(t: typeof Test): void {
  t.beforeEach(async ({ host }) => {
    savedTiming ??= await (await fetch(`${host.urls.simUrl}/__sim/timing`)).json();
    await simPut(host, '/__sim/timing', FAST);
  });
  t.afterEach(async ({ host }) => {
    if (savedTiming) await simPut(host, '/__sim/timing', savedTiming);
  });
}

/** Selects the first `count` assets of the Media Area and opens a plugin action's modal. */
export async function openAction(
  host: HostPage,
  label: string,
  count: number,
): Promise<{ ids: string[]; frame: FrameLocator }> {
  await host.open('/media');
  const ids = await host.selectAssets(count);
  const items = await host.openMenu('media-actions');
  await items.filter({ hasText: label }).click();
  const frame = host.modalFrame();
  await expect(frame.getByTestId('bulk-step-scope')).toBeVisible();
  await expect(frame.getByRole('list', { name: 'First selected' })).toBeVisible();
  return { ids, frame };
}

export async function addTagsInPicker(frame: FrameLocator, tags: string[]): Promise<void> {
  const input = frame.getByLabel(/^Tags to/);
  for (const t of tags) {
    await input.fill(t);
    await input.press('Enter');
  }
}

/**
 * No serious or critical axe violation inside `selector` (an iframe element includes its
 * document). Scans the resting state: a hovered button (after a click) shows a lighter colour.
 */
export async function expectAccessibleIn(page: Page, selector: string): Promise<void> {
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' ')}`,
    ),
  ).toEqual([]);
}

/** No serious or critical axe violation in the host's modal (its plugin frame included). */
export async function expectAccessible(page: Page): Promise<void> {
  await expectAccessibleIn(page, '[data-testid="modal"]');
}

/** Writes a screenshot of a host element to docs/screenshots/ (for the user guide). */
export async function elementScreenshot(page: Page, testId: string, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.getByTestId(testId).screenshot({ path: `docs/screenshots/${name}.png` });
}

/** Writes a screenshot of the modal to docs/screenshots/ (for the user guide). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await elementScreenshot(page, 'modal', name);
}

/** Stores plugin parameters in the sandbox (as the config screen would) and reloads the host. */
export async function withParameters(host: HostPage, parameters: Record<string, unknown>) {
  await host.open('/media');
  await host.page.evaluate((p) => {
    // Only the parameters change: the role and the environment the test chose stay.
    const kept = JSON.parse(
      window.sessionStorage.getItem('bulk-actions-sandbox') ?? '{}',
    ) as object;
    window.sessionStorage.setItem(
      'bulk-actions-sandbox',
      JSON.stringify({ ...kept, parameters: p }),
    );
  }, parameters);
  await host.page.reload();
}

/**
 * After a Cancel: lets the held jobs end one at a time until `ended` says the run is over. The
 * cancel reaches the run over a channel at its own pace; each step waits on state, so the run
 * ends as cancelled without the test guessing how long that takes.
 */
export async function releaseUntilEnded(
  sim: SimAdmin,
  ended: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ended())) {
    if (Date.now() > deadline) throw new Error(`the run did not end within ${timeoutMs} ms`);
    if ((await sim.holdState()).held > 0) await sim.release(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await sim.release();
}
