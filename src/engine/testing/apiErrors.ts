import { ApiError } from '@datocms/cma-client-browser';

/** An ApiError shaped like the client's, for tests. */
export function apiError(status: number, code?: string, extra: Record<string, unknown> = {}) {
  return new ApiError({
    request: { url: '/test', method: 'POST', headers: {}, body: undefined },
    response: {
      status,
      statusText: 'test',
      headers: {},
      body: code
        ? {
            data: [
              {
                id: 'e1',
                type: 'api_error',
                attributes: { code, doc_url: '', details: {}, ...extra },
              },
            ],
          }
        : undefined,
    },
  });
}
