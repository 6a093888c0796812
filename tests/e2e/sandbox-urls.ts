import { readFileSync } from 'node:fs';

export type SandboxUrls = { hostUrl: string; pluginUrl: string; simUrl: string };

/** Written by global-setup.ts for tools that do not inherit the runner's environment. */
export const SANDBOX_FILE = new URL('../../.cache/e2e-sandbox.json', import.meta.url);

export function sandboxUrls(): SandboxUrls {
  const raw = process.env.SANDBOX_URLS ?? readFileSync(SANDBOX_FILE, 'utf8');
  return JSON.parse(raw) as SandboxUrls;
}
