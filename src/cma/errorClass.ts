import { ApiError, TimeoutError } from '@datocms/cma-client-browser';
import { httpStatusCode } from '../engine/outcomes';
import type { CmaErrorCode } from './apiErrorCodes';

/**
 * What to do about a failed request:
 * - throttled: 429, wait for the rate budget and try again;
 * - transient: 5xx, network failure, timeout, or an error marked `transient`: back off and retry;
 * - auth: the token was rejected; nothing will work until the user has a valid token again;
 * - notFound: 404 (for job results: still pending);
 * - permanent: any other 4xx; retrying cannot help.
 */
export type ErrorClass = 'throttled' | 'transient' | 'auth' | 'notFound' | 'permanent';

/**
 * A missing, invalid or revoked token: 401 with INVALID_AUTHORIZATION_HEADER (the CMA errors
 * list has no separate code for expired or wrong credentials; the status alone suffices too).
 */
const AUTH_CODES: readonly CmaErrorCode[] = ['INVALID_AUTHORIZATION_HEADER'];

export function apiErrorCodes(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.map((e) => e.attributes.code);
}

export function classifyError(error: unknown): ErrorClass {
  if (error instanceof ApiError) {
    const status = error.response.status;
    if (status === 429) return 'throttled';
    if (status === 401 || apiErrorCodes(error).some((c) => (AUTH_CODES as string[]).includes(c)))
      return 'auth';
    if (status >= 500 || error.errors.some((e) => e.attributes.transient)) return 'transient';
    // autoRetry off: a GET answered with a non-JSON body (a proxy's HTML error page) lands here.
    if (error.response.body === undefined && status < 400) return 'transient';
    if (status === 404) return 'notFound';
    return 'permanent';
  }
  if (error instanceof TimeoutError) return 'transient';
  // fetch rejects with TypeError on a dropped connection; JSON parse errors on a cut body.
  return 'transient';
}

/**
 * The api_error code of a failed request (a CMA code), or the plugin's own code for failures
 * without one (`PluginOutcomeCode`: HTTP_<status>, TIMEOUT, NETWORK_ERROR).
 */
export function errorCode(error: unknown): string {
  const code = apiErrorCodes(error)[0];
  if (code) return code;
  if (error instanceof ApiError) return httpStatusCode(error.response.status);
  if (error instanceof TimeoutError) return 'TIMEOUT';
  return 'NETWORK_ERROR';
}

export function errorDetails(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors[0]?.attributes.details as Record<string, unknown> | undefined;
}
