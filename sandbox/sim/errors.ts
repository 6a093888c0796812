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
