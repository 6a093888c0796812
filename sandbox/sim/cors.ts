/**
 * CORS for the plugin iframe and the host page, which live on other 127.0.0.1 origins. Every CMA
 * call from a browser is preflighted (Authorization, X-Api-Version, JSON content type).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'x-api-version',
  'x-environment',
];
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
// With rate-limit headers `exposed`, a browser caller can read them (X-RateLimit-Reset for the
// client's 429 back-off); `hidden` sends neither the headers nor this list.
const EXPOSED_HEADERS = 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

export function applyCors(
  request: FastifyRequest,
  reply: FastifyReply,
  exposeRateLimit: boolean,
): void {
  const origin = request.headers.origin;
  reply.header('access-control-allow-origin', origin ?? '*');
  if (origin) reply.header('vary', 'Origin');
  if (exposeRateLimit) reply.header('access-control-expose-headers', EXPOSED_HEADERS);
}

/** Answers a preflight: allows the standard headers plus whatever the browser asks for. */
export function answerPreflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requested = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter((header) => header !== '');
  const headers = [...new Set([...ALLOWED_HEADERS, ...requested])].join(', ');
  return reply
    .code(204)
    .header('access-control-allow-methods', ALLOWED_METHODS)
    .header('access-control-allow-headers', headers)
    .header('access-control-max-age', '600')
    .send();
}
