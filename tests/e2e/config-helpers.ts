import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** No serious or critical axe violation inside a plugin frame of the host (by its test id). */
export async function expectFrameAccessible(page: Page, frameTestId: string): Promise<void> {
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page })
    .include(`iframe[data-testid="${frameTestId}"]`)
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual(
    [],
  );
}

/** Writes a screenshot of a host element to docs/screenshots/ (for the user guide). */
export async function elementScreenshot(page: Page, testId: string, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.getByTestId(testId).screenshot({ path: `docs/screenshots/${name}.png` });
}

export async function storedParameters(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('stored-parameters').textContent()) ?? '{}') as Record<
    string,
    unknown
  >;
}
