import type { Frame, Page } from '@playwright/test';
import { expect, type HostPage } from './fixtures';
import { addTagsInPicker, openAction } from './media-helpers';
import type { AttackInput, AttackReport } from '../../sandbox/neighbour-plugin/src/attacks';

export const OUR_PATH = '/datocms-plugin-bulk-actions@';
export const NEIGHBOUR_ID = 'neighbour-sandbox';

declare global {
  interface Window {
    __sent?: { name: string; data: unknown }[];
    /** The neighbour test plugin's tools (sandbox/neighbour-plugin/src/main.ts). */
    neighbour?: {
      attack(input: AttackInput): Promise<AttackReport>;
      dumpStorage(): Promise<string>;
      heard(): AttackReport['heard'];
      ctx(): { siteId: string; environment: string; hasToken: boolean; pluginId: string };
    };
  }
}

/**
 * Test instrumentation (never product code): every frame records what it posts on a
 * BroadcastChannel, so a test can hand real traffic to the attacker, a stronger attacker than any
 * plugin (which cannot learn our channel's name).
 */
export async function recordChannelTraffic(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sent: { name: string; data: unknown }[] = [];
    window.__sent = sent;
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, data: unknown) {
      sent.push({ name: this.name, data });
      return post.call(this, data);
    };
  });
}

/** What our frames posted, bytes as `{ __bytes, kind }` so it survives the trip through JSON. */
export async function capturedTraffic(page: Page): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const frame of page.frames()) {
    if (!frame.url().includes(OUR_PATH)) continue;
    out.push(
      ...(await frame.evaluate(() => {
        const encode = (v: unknown): unknown => {
          if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
            const bytes =
              v instanceof ArrayBuffer
                ? new Uint8Array(v)
                : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
            return {
              __bytes: btoa(String.fromCharCode(...bytes)),
              kind: v instanceof ArrayBuffer ? 'ArrayBuffer' : 'Uint8Array',
            };
          }
          if (Array.isArray(v)) return v.map(encode);
          if (v && typeof v === 'object')
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
          return v;
        };
        return (window.__sent ?? []).map((s) => ({ name: s.name, data: encode(s.data) }));
      })),
    );
  }
  return out;
}

/** Installs the neighbour test plugin (the host reloads, as after installing a plugin). */
export async function installNeighbour(host: HostPage): Promise<void> {
  const toggle = host.page.locator(
    `[data-testid="plugin-install-switch"][data-plugin-id="${NEIGHBOUR_ID}"]`,
  );
  await toggle.check();
  await expect(host.page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
  await expect(toggle).toBeChecked();
}

/** The neighbour's sidebar panel frame on the current asset or record page. */
export async function neighbourPanel(host: HostPage): Promise<Frame> {
  const iframe = host.page.locator(
    `[data-plugin-id="${NEIGHBOUR_ID}"] iframe[data-mode="renderUploadSidebarPanel"], [data-plugin-id="${NEIGHBOUR_ID}"] iframe[data-mode="renderItemFormSidebarPanel"]`,
  );
  await expect(iframe).toHaveCount(1);
  const frame = await (await iframe.elementHandle())!.contentFrame();
  if (!frame) throw new Error('the neighbour panel has no frame');
  await expect
    .poll(() => frame.evaluate(() => !!window.neighbour?.ctx().siteId).catch(() => false))
    .toBe(true);
  return frame;
}

/** The neighbour's hidden boot frame: it lives as long as the page, across in-app navigation. */
export async function neighbourBoot(host: HostPage): Promise<Frame> {
  const iframe = host.page.locator(
    `iframe[data-testid="boot-frame"][src*="/datocms-plugin-neighbour-test@"]`,
  );
  await expect(iframe).toHaveCount(1);
  const frame = await (await iframe.elementHandle())!.contentFrame();
  if (!frame) throw new Error('the neighbour boot frame has no frame');
  await expect.poll(() => frame.evaluate(() => !!window.neighbour).catch(() => false)).toBe(true);
  return frame;
}

/** Our jobs panel frame on the current asset page. */
export function ourPanel(host: HostPage) {
  return host.page.frameLocator(
    `[data-testid="upload-sidebar-panel"][data-plugin-id="bulk-actions-sandbox"] iframe`,
  );
}

/** Adds `tag` to the first `count` assets through the UI, to its report. */
export async function addTagsRun(host: HostPage, tag: string, count: number): Promise<string[]> {
  const { ids, frame } = await openAction(host, 'Add tags…', count);
  await frame.getByRole('button', { name: 'Next' }).click();
  await addTagsInPicker(frame, [tag]);
  await frame.getByRole('button', { name: 'Preview' }).click();
  await frame
    .getByRole('button', { name: `Run on ${count} asset${count === 1 ? '' : 's'}` })
    .click();
  await expect(frame.getByTestId('bulk-report-succeeded')).toHaveText(`${count} succeeded`);
  await host.page.getByTestId('modal-close').click();
  await expect(host.modal()).toHaveCount(0);
  return ids;
}

/** Requests that changed something in the CMA (not the simulator's admin endpoints). */
export function mutations(log: { method: string; path: string }[]) {
  return log.filter(
    (e) => e.method !== 'GET' && e.method !== 'OPTIONS' && !e.path.startsWith('/__sim'),
  );
}

/** Whether a message is readable as a run message (not a sealed envelope). */
export function isPlainRunMessage(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { kind?: unknown }).kind === 'string'
  );
}
