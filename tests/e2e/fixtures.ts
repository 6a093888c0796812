import {
  test as base,
  expect,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from '@playwright/test';
import { simAdmin, type SimAdmin } from '../support/sim-admin';
import { sandboxUrls, type SandboxUrls } from './sandbox-urls';

export { expect };

export type LogEntry = {
  seq: number;
  dir: 'plugin→host' | 'host→plugin';
  frame: string;
  method: string;
  args: unknown[];
  outcome?: 'pending' | 'ok' | { error: string };
  result?: unknown;
};

/** The host page, with helpers for its surfaces (see docs/sandbox.md for the test ids). */
export class HostPage {
  constructor(
    readonly page: Page,
    readonly urls: SandboxUrls,
  ) {}

  /** Opens the host at an in-app path and waits for the boot frame to be ready. */
  async open(path = '/media'): Promise<void> {
    await this.page.goto(`${this.urls.hostUrl}#${path}`);
    await expect(this.page.getByTestId('boot-status')).toHaveAttribute('data-status', 'ready');
  }

  /** In-app navigation (hash change): frames, store and boot frame survive. */
  async go(path: string): Promise<void> {
    await this.page.evaluate((p) => (window.location.hash = p), path);
  }

  log(): Promise<LogEntry[]> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify(window.__hostLog)) as LogEntry[]);
  }

  async calls(method: string, dir: LogEntry['dir'] = 'plugin→host'): Promise<LogEntry[]> {
    return (await this.log()).filter((e) => e.method === method && e.dir === dir);
  }

  menuButton(testId: string): Locator {
    return this.page.getByTestId(`${testId}-button`);
  }

  /** Opens a batch-actions menu and returns its entries' labels. */
  async openMenu(testId: string): Promise<Locator> {
    await this.menuButton(testId).click();
    const list = this.page.getByTestId(`${testId}-list`);
    await expect(list).toBeVisible();
    return list.getByRole('menuitem');
  }

  async selectAssets(count: number): Promise<string[]> {
    const cards = this.page.getByTestId('media-card');
    await expect(cards.first()).toBeVisible();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i);
      await card.getByTestId('media-card-checkbox').check();
      ids.push((await card.getAttribute('data-upload-id')) ?? '');
    }
    await expect(this.page.getByTestId('media-selected-count')).toHaveText(`${count} selected`);
    return ids;
  }

  modal(): Locator {
    return this.page.getByTestId('modal');
  }

  modalFrame(): FrameLocator {
    return this.page.frameLocator('iframe[data-testid="modal-frame"]');
  }

  toasts(): Locator {
    return this.page.getByTestId('toast');
  }

  /** The simulator's request log (GET /__sim/log): what really reached the CMA. */
  async simLog(): Promise<SimLogEntry[]> {
    const response = await fetch(`${this.urls.simUrl}/__sim/log`);
    return ((await response.json()) as { data: SimLogEntry[] }).data;
  }
}

export type SimLogEntry = {
  seq: number;
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  role: string | null;
  /** The JSON body the request carried, if any. */
  body?: unknown;
};

/**
 * Calls a host method from inside a plugin frame over the real penpal 4.1.1 wire protocol
 * (`{penpal: 'call', id, methodName, args}` → `{penpal: 'reply', …}`), exactly as the SDK would.
 */
export async function callFromFrame(frame: Frame, methodName: string, ...args: unknown[]) {
  return frame.evaluate(
    ([name, params]) =>
      new Promise<unknown>((resolve, reject) => {
        const id = 900_000 + Math.floor(Math.random() * 99_999);
        const onMessage = (event: MessageEvent) => {
          const data = event.data as {
            penpal?: string;
            id?: number;
            resolution?: string;
            returnValue?: unknown;
          };
          if (event.source !== window.parent || data?.penpal !== 'reply' || data.id !== id) return;
          window.removeEventListener('message', onMessage);
          if (data.resolution === 'fulfilled') resolve(data.returnValue);
          else reject(new Error(JSON.stringify(data.returnValue)));
        };
        window.addEventListener('message', onMessage);
        window.parent.postMessage({ penpal: 'call', id, methodName: name, args: params }, '*');
      }),
    [methodName, args] as const,
  );
}

export const test = base.extend<{ urls: SandboxUrls; host: HostPage; sim: SimAdmin }>({
  // Playwright reads fixture dependencies from the destructuring pattern: it must stay empty.
  // eslint-disable-next-line no-empty-pattern
  urls: async ({}, provide) => {
    const urls = sandboxUrls();
    const response = await fetch(`${urls.simUrl}/__sim/reset`, { method: 'POST' });
    if (!response.ok) throw new Error(`/__sim/reset answered ${response.status}`);
    await provide(urls);
  },
  host: async ({ page, urls }, provide) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await provide(new HostPage(page, urls));
    // Uncaught errors in the host page (not the plugin frames) fail the test.
    expect(errors, 'uncaught errors in the host page').toEqual([]);
  },
  /**
   * The simulator's test hooks (tests/support/sim-admin.ts). A test that must see a run in flight
   * holds the jobs, asserts the in-flight UI, then releases them; the reset before each test lifts
   * a hold a failed test left.
   */
  sim: async ({ urls }, provide) => {
    await provide(simAdmin(urls.simUrl));
  },
});

declare global {
  interface Window {
    __hostLog: LogEntry[];
  }
}
