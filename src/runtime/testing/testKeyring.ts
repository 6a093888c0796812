import { deriveKeyring, type Keyring, type RunScope } from '../keyring';

export const TEST_SCOPE: RunScope = { siteId: 'site-1', environment: 'main', pluginId: 'plugin-1' };

/** A real keyring (WebCrypto) for a made-up token, for unit and integration tests. */
export function testKeyring(token = 'test-token', scope: Partial<RunScope> = {}): Promise<Keyring> {
  return deriveKeyring(token, { ...TEST_SCOPE, ...scope });
}
