import { mkdirSync, writeFileSync } from 'node:fs';
import { SANDBOX_FILE, type SandboxUrls } from './sandbox-urls';

/**
 * Starts the sandbox on free ports from the built dist/ and sandbox/host/dist/; tests read the
 * URLs from SANDBOX_URLS (workers inherit the runner's environment). When SANDBOX_URLS is already
 * set (e.g. to a running `npm start`), that sandbox is used instead.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.SANDBOX_URLS) return undefined;
  const { startSandbox } = await import('../../sandbox/start');
  const sandbox = await startSandbox({ seed: 'demo' });
  const urls: SandboxUrls = {
    hostUrl: sandbox.hostUrl,
    pluginUrl: sandbox.pluginUrl,
    simUrl: sandbox.simUrl,
  };
  process.env.SANDBOX_URLS = JSON.stringify(urls);
  mkdirSync(new URL('.', SANDBOX_FILE), { recursive: true });
  writeFileSync(SANDBOX_FILE, `${JSON.stringify(urls, null, 2)}\n`);
  return () => sandbox.close();
}
