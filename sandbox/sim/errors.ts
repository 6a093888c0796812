/**
 * DatoCMS error bodies: `{data: [{id, type: 'api_error', attributes: {code, doc_url, details}}]}`.
 * Handlers throw SimError; the server's error handler turns it into that body.
 */
const DOC_URL = 'https://www.datocms.com/docs/content-management-api/errors';

export type ApiErrorEntity = {
  id: string;
  type: 'api_error';
  attributes: {
    code: string;
    doc_url: string;
    details: Record<string, unknown>;
    transient?: true;
  };
};

export type ApiErrorBody = { data: ApiErrorEntity[] };

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    readonly transient = false,
  ) {
    super(`${status} ${code}`);
  }

  toBody(): ApiErrorBody {
    return errorBody(this.code, this.details, this.transient);
  }
}

let errorSeq = 0;

export function errorBody(
  code: string,
  details: Record<string, unknown> = {},
  transient = false,
): ApiErrorBody {
  errorSeq = (errorSeq + 1) % 0xffffff;
  return {
    data: [
      {
        id: errorSeq.toString(16).padStart(6, '0'),
        type: 'api_error',
        attributes: {
          code,
          doc_url: `${DOC_URL}#${code}`,
          details,
          ...(transient ? { transient: true as const } : {}),
        },
      },
    ],
  };
}

/** HTTP status the simulator uses for an error code (see docs/simulator.md). */
export function statusForCode(code: string): number {
  switch (code) {
    case 'NOT_FOUND':
    case 'INVALID_ENVIRONMENT':
      return 404;
    case 'INVALID_AUTHORIZATION_HEADER':
      return 401;
    case 'INSUFFICIENT_PERMISSIONS':
      return 403;
    case 'RATE_LIMIT_EXCEEDED':
      return 429;
    case 'EXCEPTION':
      return 500;
    case 'SERVICE_UNAVAILABLE':
    case 'MAINTENANCE_MODE':
      return 503;
    default:
      return 422;
  }
}

export const notFound = (details: Record<string, unknown> = {}): SimError =>
  new SimError(404, 'NOT_FOUND', details);

export const insufficientPermissions = (action: string, subject: string): SimError =>
  new SimError(403, 'INSUFFICIENT_PERMISSIONS', { action, subject });

export const invalidField = (field: string, code: string, extra: Record<string, unknown> = {}) =>
  new SimError(422, 'INVALID_FIELD', { field, code, ...extra });

export const invalidFormat = (messages: string[]): SimError =>
  new SimError(422, 'INVALID_FORMAT', { messages });

/**
 * Codes of the CMA error list (https://www.datocms.com/docs/content-management-api/errors, as
 * far as it could be read: the codes from ACCOUNT_ALREADY_JOINED_SITE to SITE_NOT_READY), plus
 * UNPUBLISHED_PARENT, which RawApiTypes names (ItemPublishHrefSchema). Every code the simulator
 * answers on the CMA must be one of them (errors.test.ts checks the sources).
 */
// prettier-ignore
export const CMA_ERROR_CODES: ReadonlySet<string> = new Set([
  'ACCOUNT_ALREADY_JOINED_SITE', 'ALREADY_PRIMARY_ENVIRONMENT',
  'CANNOT_CREATE_OR_DESTROY_SCHEMA_MENU_ITEM_LINKED_TO_ITEM_TYPE', 'CANNOT_DESTROY_CURRENT_USER',
  'CANNOT_DESTROY_FORKING_ORIGIN', 'CANNOT_DESTROY_PRIMARY_ENVIRONMENT',
  'CANNOT_UPGRADE_MODERN_PLUGIN_INTO_LEGACY', 'CLASHING_FIELD_LABELS',
  'CONCURRENT_ENVIRONMENT_UPDATE', 'CONCURRENT_ITEM_TYPE_UPDATE', 'CONCURRENT_ITEM_UPDATE',
  'CONCURRENT_ROLE_UPDATE', 'CONCURRENT_UPLOAD_UPDATE', 'DEACTIVATED_SITE', 'DELETE_RESTRICTION',
  'DESTINATION_USER_REQUIRED', 'DUPLICATE_POSITIONS_FOUND', 'DUPLICATE_SINGLETON',
  'ENVIRONMENT_IN_READ_ONLY_MODE', 'ENVIRONMENT_NOT_READY', 'EXCEPTION',
  'IMMUTABLE_UPLOAD_TRACKS_IN_SANDBOX_ENVIRONMENT', 'INCOMPATIBLE_WITH_UPLOAD_STORAGE_SETTINGS',
  'INSUFFICIENT_PERMISSIONS', 'INVALID_ACCEPT_HEADER', 'INVALID_API_VERSION',
  'INVALID_ATTRIBUTES', 'INVALID_AUTHORIZATION_HEADER', 'INVALID_CONTENT_TYPE_HEADER',
  'INVALID_DATE', 'INVALID_DESTINATION_TYPE', 'INVALID_DESTINATION_USER', 'INVALID_DRAFT',
  'INVALID_ENDPOINT', 'INVALID_ENTITY_ID', 'INVALID_ENVIRONMENT', 'INVALID_FIELD',
  'INVALID_FILTER_FIELDS_PARAM', 'INVALID_FORMAT', 'INVALID_JSON_BODY', 'INVALID_ORDERING',
  'INVALID_ORDERING_FOR_SINGLETON_ITEM_TYPE', 'INVALID_ORDERING_FOR_SORTABLE_ITEM_TYPE',
  'INVALID_PARAMS', 'INVALID_PARENT', 'INVALID_PARENT_ID', 'INVALID_PLUGIN_VERSION',
  'INVALID_POSITION', 'INVALID_RELATIONSHIP', 'INVALID_REQUEST', 'INVALID_SEARCH_INDEX_ID',
  'INVALID_SITE', 'INVALID_SITE_EXPORT_SETTINGS', 'INVALID_TYPE',
  'INVALID_UPLOAD_STORAGE_SETTINGS', 'ITEM_LOCKED', 'ITEM_TYPE_CANNOT_BE_CHANGED',
  'ITEM_TYPE_IS_SINGLETON', 'ITEM_TYPE_NOT_FOUND', 'KIND_CANNOT_BE_CHANGED', 'MAINTENANCE_MODE',
  'MISSING_BUILD_TRIGGER_ID_PARAMETER', 'MISSING_FIELDS', 'MISSING_LOCALES',
  'MISSING_QUERY_PARAMETER', 'MISSING_UPLOAD_IDS', 'MODULAR_BLOCK_IN_USE', 'MUX_ERROR',
  'NEW_PLUGIN_VERSION_IS_INCOMPATIBLE', 'NON_EDITABLE_ACCESS_TOKEN', 'NOT_A_VIDEO', 'NOT_FOUND',
  'NOT_ON_PER_SITE_PRICING', 'NO_PRIMARY_AUDIO_TRACK', 'PLAN_UPGRADE_REQUIRED',
  'PLATFORM_SCHEDULED_MAINTENANCE', 'PRIMARY_ENVIRONMENT_SETTINGS_READ_ONLY',
  'PUBLISHED_CHILDREN', 'PUBLISHED_REFERENCES', 'RATE_LIMIT_EXCEEDED', 'REQUIRED_BY_ASSOCIATION',
  'SERVICE_UNAVAILABLE', 'SITE_NOT_READY', 'UNPUBLISHED_PARENT',
]);

/** Admin endpoints (/__sim/*) only: not a CMA code, never seen by a CMA caller. */
export const ADMIN_ERROR_CODE = 'SIM_BAD_REQUEST';
