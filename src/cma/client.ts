import { buildClient, type Client } from '@datocms/cma-client-browser';
import type { CmaAccess } from './access';

/** Every client is built from ctx (token, environment, cmaBaseUrl), never from stored values. */
export function createCmaClient(access: CmaAccess): Client {
  return buildClient({
    apiToken: access.apiToken,
    environment: access.environment,
    baseUrl: access.baseUrl,
  });
}
