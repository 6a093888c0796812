/**
 * The CMA `api_error` codes the plugin names, each checked against DatoCMS's error list
 * (https://www.datocms.com/docs/content-management-api/errors, checked December 2026). Codes
 * the plugin makes up itself are NOT here: they are `PluginOutcomeCode`s (engine/outcomes.ts).
 *
 * Removed after the check: `INVALID_CREDENTIALS` and `EXPIRED_TOKEN` (not in the list: a bad or
 * revoked token is `INVALID_AUTHORIZATION_HEADER` with status 401), `INTERNAL_SERVER_ERROR`
 * (the list's server failure is `EXCEPTION`) and `VALIDATION_ERROR` (not in the list: invalid
 * values are `INVALID_FIELD`, with the validator in `details.code`).
 */
export const CMA_ERROR_CODES = [
  'CONCURRENT_ITEM_UPDATE',
  'CONCURRENT_UPLOAD_UPDATE',
  'DELETE_RESTRICTION',
  'EXCEPTION',
  'INSUFFICIENT_PERMISSIONS',
  'INVALID_AUTHORIZATION_HEADER',
  'INVALID_DRAFT',
  'INVALID_FIELD',
  'INVALID_FORMAT',
  'ITEM_LOCKED',
  'MAINTENANCE_MODE',
  'NOT_FOUND',
  'PUBLISHED_CHILDREN',
  'PUBLISHED_REFERENCES',
  'RATE_LIMIT_EXCEEDED',
  'REQUIRED_BY_ASSOCIATION',
  'SERVICE_UNAVAILABLE',
  // Past the part of the list we could read (it stops at "SSO_SETTINGS_…"): STALE_ITEM_VERSION
  // is named as a top-level code by DatoCMS's own notes (datocms/agent-skills,
  // client-setup-and-errors.md); UNPUBLISHED_PARENT by reference/datocms-cma.md (publish
  // without `recursive`). Unverified against the list itself; an unknown code still gets a
  // generic reason, so nothing breaks if either is named differently.
  'STALE_ITEM_VERSION',
  'UNPUBLISHED_PARENT',
] as const;

export type CmaErrorCode = (typeof CMA_ERROR_CODES)[number];

export function isCmaErrorCode(code: string): code is CmaErrorCode {
  return (CMA_ERROR_CODES as readonly string[]).includes(code);
}
