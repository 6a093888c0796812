import type { CmaErrorCode } from './apiErrorCodes';
import { errorCode, errorDetails } from './errorClass';
import type { PluginOutcomeCode } from '../engine/outcomes';

/**
 * Human reasons for the api_error codes a bulk run can meet (each in the CMA errors list,
 * cma/apiErrorCodes.ts) and for the plugin's own outcome codes (engine/outcomes.ts).
 */
const REASONS = {
  UNPUBLISHED_PARENT: 'Its parent record is not published; publish the parent first.',
  PUBLISHED_CHILDREN: 'It has published child records; unpublish them first.',
  INVALID_DRAFT: 'The draft does not pass validation; fix the invalid fields, then publish.',
  INVALID_FIELD: 'A field value is invalid.',
  ITEM_LOCKED: 'Someone is editing it right now (it is locked).',
  INSUFFICIENT_PERMISSIONS: 'Your role is not allowed to do this to it.',
  DELETE_RESTRICTION: 'It is still in use by other records, so it cannot be deleted.',
  PUBLISHED_REFERENCES: 'Published records reference it.',
  REQUIRED_BY_ASSOCIATION: 'Another record requires it.',
  NOT_FOUND: 'It no longer exists.',
  STALE_ITEM_VERSION: 'It was changed by someone else meanwhile.',
  CONCURRENT_ITEM_UPDATE: 'It was being changed by someone else at the same time.',
  CONCURRENT_UPLOAD_UPDATE: 'It was being changed by someone else at the same time.',
  INVALID_AUTHORIZATION_HEADER: 'Your access token was rejected (signed out or revoked).',
  OUTCOME_UNKNOWN:
    'The job was submitted, but its result could not be read (access was lost); use Resume to check it.',
  RATE_LIMIT_EXCEEDED: 'The API kept rate-limiting the request.',
  NETWORK_ERROR: 'The network connection failed repeatedly.',
  TIMEOUT: 'The API did not answer in time, repeatedly.',
  MAINTENANCE_MODE: 'The project is in maintenance mode.',
} satisfies Partial<Record<CmaErrorCode | PluginOutcomeCode, string>>;

export function humanReason(code: string): string {
  const reason = (REASONS as Record<string, string | undefined>)[code];
  if (reason) return reason;
  if (/^HTTP_5\d\d$/.test(code) || code === 'EXCEPTION')
    return 'The API failed repeatedly with a server error.';
  return `The API refused it (${code}).`;
}

/** Code and reason for a failed per-item call; validation details are appended when present. */
export function explainError(error: unknown): { code: string; reason: string } {
  const code = errorCode(error);
  let reason = humanReason(code);
  const details = errorDetails(error);
  const field = details && typeof details.field === 'string' ? details.field : undefined;
  // INVALID_DRAFT names every failing field: the editor knows what to fix before retrying.
  const fields =
    details && Array.isArray(details.fields)
      ? details.fields.filter((f): f is string => typeof f === 'string')
      : [];
  if (field) reason += ` (field “${field}”)`;
  else if (fields.length > 0)
    reason += ` (${fields.length === 1 ? 'field' : 'fields'} ${fields.map((f) => `“${f}”`).join(', ')})`;
  return { code, reason };
}
