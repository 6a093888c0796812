/** What it takes to reach the CMA, read from a plugin ctx. The token lives in memory only. */
export type CmaAccess = {
  readonly apiToken: string;
  readonly environment: string;
  readonly baseUrl: string;
};

/** The ctx fields we read, typed structurally so the engine needs no SDK import. */
export type CmaAccessSource = {
  readonly currentUserAccessToken?: string | undefined;
  readonly environment: string;
  readonly cmaBaseUrl: string;
};

export const MISSING_TOKEN_MESSAGE =
  'Bulk Actions needs the “Access the current user’s API token” permission. Ask an administrator to grant it in Settings → Plugins → Bulk Actions.';

/** Returns null when the token permission was not granted (the SDK then leaves it undefined). */
export function readCmaAccess(source: CmaAccessSource): CmaAccess | null {
  if (!source.currentUserAccessToken) return null;
  return {
    apiToken: source.currentUserAccessToken,
    environment: source.environment,
    baseUrl: source.cmaBaseUrl,
  };
}
