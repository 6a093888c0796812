/**
 * The CMA simulator: a Fastify server on 127.0.0.1 speaking the DatoCMS CMA wire format (see
 * docs/simulator.md). `buildSimulator` returns the app without listening (for app.inject);
 * `startSimulator` listens and returns its URL.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import qs from 'qs';
import { answerPreflight, applyCors } from './cors';
import { errorBody, SimError } from './errors';
import { roll } from './faults';
import { UnsupportedBody } from './http';
import type { RateLimitConfig } from './rate-limit';
import { canEnterEnvironment } from './roles';
import { registerAdminRoutes } from './routes/admin';
import { registerEnvironmentRoutes } from './routes/environments';
import { registerItemRoutes } from './routes/items';
import { registerJobRoutes } from './routes/jobs';
import { registerSchemaRoutes } from './routes/schema';
import { registerUploadCollectionRoutes } from './routes/upload-collections';
import { registerUploadTagRoutes } from './routes/upload-tags';
import { registerUploadRoutes } from './routes/uploads';
import type { SeedKind } from './seed';
import { Simulator, type ListingConfig, type PlanConfig } from './simulator';
import { sleep, type TimingModel } from './timing';
import { validateQuery } from './validation';

export type { TimingModel } from './timing';
export type { Faults } from './faults';
export type { LogEntry } from './request-log';
export { Simulator } from './simulator';
export { ADMIN_TOKEN, EDITOR_TOKEN } from './roles';

export type SimulatorOptions = {
  port?: number;
  seed?: SeedKind;
  randomSeed?: number;
  timing?: Partial<TimingModel>;
  /** Partial; unset keys keep DEFAULT_RATE_LIMIT (60 per 3 s, headers hidden). */
  rateLimit?: Partial<RateLimitConfig>;
  /** Order of listings without order_by, and the text-search index lag. */
  listing?: Partial<ListingConfig>;
  /** The project's plan: `{ workflows: false }` for a plan without workflows. */
  plan?: Partial<PlanConfig>;
  /** Silences the console.error of unexpected server errors (tests that provoke them). */
  quiet?: boolean;
};

export type RunningSimulator = {
  url: string;
  port: number;
  close(): Promise<void>;
  sim: Simulator;
};

const JSON_TYPE = 'application/json; charset=utf-8';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? (match[1] as string) : null;
}

function isAdminPath(url: string): boolean {
  return url === '/__sim' || url.startsWith('/__sim/') || url.startsWith('/__sim?');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SimError(422, 'INVALID_JSON_BODY', {
      message: error instanceof Error ? error.message : 'malformed JSON',
    });
  }
}

export function buildSimulator(opts: SimulatorOptions = {}): FastifyInstance & { sim: Simulator } {
  const sim = new Simulator({
    ...(opts.seed ? { seed: opts.seed } : {}),
    ...(opts.randomSeed !== undefined ? { randomSeed: opts.randomSeed } : {}),
    ...(opts.timing ? { timing: opts.timing } : {}),
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.listing ? { listing: opts.listing } : {}),
    ...(opts.plan ? { plan: opts.plan } : {}),
  });
  const app = Fastify({
    logger: false,
    bodyLimit: 20 * 1024 * 1024,
    routerOptions: {
      querystringParser: (text: string) => qs.parse(text, { depth: 10, arrayLimit: 1000 }),
    },
  });

  app.decorateRequest('simState', null as never);

  // Bodies are parsed by hand so malformed JSON gets the CMA's error body, not Fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/vnd.api+json'],
    { parseAs: 'string' },
    (_request, text, done) => {
      try {
        done(null, parseJson(text as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, _text, done) => {
    done(null, new UnsupportedBody(String(request.headers['content-type'] ?? '')));
  });

  app.addHook('onRequest', async (request, reply) => {
    const isAdmin = isAdminPath(request.url);
    request.simState = {
      seq: isAdmin ? 0 : sim.log.nextSeq(),
      startedAt: Date.now(),
      isAdmin,
      role: null,
      credential: null,
      environment: null,
      rateLimit: null,
      fault: null,
      dropAfter: false,
      jobId: null,
    };
    applyCors(request, reply, sim.rateLimiter.config.headers === 'exposed');
    if (request.method === 'OPTIONS') return answerPreflight(request, reply);
    if (isAdmin) return;
    const state = request.simState;
    const { faults } = sim;

    if (roll(sim.random, faults.dropConnectionRate)) {
      state.fault = `drop-${faults.dropConnectionPhase}`;
      if (faults.dropConnectionPhase === 'before') {
        logEntry(request, 0);
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      state.dropAfter = true;
    }

    await sleep(sim.timing.latencyMs + sim.random.next() * sim.timing.latencyJitterMs);

    const token = bearerToken(request);
    const rateKey = token ?? `anonymous:${request.ip}`;
    if (faults.rateLimitBurst > 0) {
      faults.rateLimitBurst--;
      state.fault = 'rateLimitBurst';
      const { resetSeconds } = sim.rateLimiter.peek(rateKey);
      state.rateLimit = { limit: sim.rateLimiter.config.limit, remaining: 0, resetSeconds };
      throw new SimError(429, 'RATE_LIMIT_EXCEEDED', { limit: sim.rateLimiter.config.limit });
    }
    const decision = sim.rateLimiter.take(rateKey);
    state.rateLimit = decision;
    if (!decision.allowed) {
      throw new SimError(429, 'RATE_LIMIT_EXCEEDED', { limit: decision.limit });
    }

    const entry =
      token && !faults.revokedTokens.includes(token) ? sim.tokens.get(token) : undefined;
    const role = entry?.role;
    if (!entry || !role) {
      throw new SimError(401, 'INVALID_AUTHORIZATION_HEADER', {
        message: token
          ? 'The API token is invalid or revoked'
          : 'Missing "Authorization: Bearer <token>"',
      });
    }
    state.role = role;
    state.credential = sim.credential(entry);

    const apiVersion = request.headers['x-api-version'];
    if (apiVersion !== undefined && apiVersion !== '3') {
      throw new SimError(422, 'INVALID_API_VERSION', { received: apiVersion, supported: ['3'] });
    }
    const header = request.headers['x-environment'];
    const environment = sim.environments.resolve(Array.isArray(header) ? header[0] : header);
    state.environment = environment;
    if (!canEnterEnvironment(role, environment)) {
      throw new SimError(403, 'INSUFFICIENT_PERMISSIONS', {
        environment: environment.id,
        environments_access: role.meta.final_permissions.environments_access,
      });
    }

    const config = request.routeOptions.config;
    const serverFault =
      (config.jobSubmit === true && roll(sim.random, faults.submitErrorRate) && 'submitError') ||
      (config.jobPoll === true && roll(sim.random, faults.pollErrorRate) && 'pollError');
    if (serverFault) {
      state.fault = serverFault;
      const { status, code, transient } = faults.serverError;
      throw new SimError(status, code, { injected: true }, transient);
    }
  });

  // Query parameters against the endpoint's generated href schema (after auth and faults).
  app.addHook('preHandler', async (request) => {
    const href = request.routeOptions.config.href;
    if (href) validateQuery(href, request.query);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.simState;
    if (state?.rateLimit && sim.rateLimiter.config.headers === 'exposed') {
      reply.header('x-ratelimit-limit', String(state.rateLimit.limit));
      reply.header('x-ratelimit-remaining', String(state.rateLimit.remaining));
      if (state.rateLimit.resetSeconds !== undefined) {
        reply.header('x-ratelimit-reset', String(state.rateLimit.resetSeconds));
      }
    }
    if (!state?.isAdmin) reply.header('cache-control', 'max-age=0, private, must-revalidate');
    if (state?.dropAfter) {
      // The request was handled (side effects happened); the caller never hears back.
      request.raw.socket.destroy();
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    if (request.simState && !request.simState.isAdmin) logEntry(request, reply.statusCode);
  });

  function logEntry(request: FastifyRequest, status: number): void {
    const state = request.simState;
    const [path = '', search = ''] = request.url.split('?', 2);
    const body = request.body instanceof UnsupportedBody ? { unsupported: true } : request.body;
    sim.log.add({
      seq: state.seq,
      time: new Date(state.startedAt).toISOString(),
      method: request.method,
      path,
      query: search ? qs.parse(search, { depth: 10, arrayLimit: 1000 }) : {},
      status: state.dropAfter ? 0 : status,
      role: state.role?.attributes.name ?? null,
      environment: state.environment?.id ?? null,
      body: body ?? null,
      durationMs: Date.now() - state.startedAt,
      fault: state.fault,
      jobId: state.jobId,
    });
  }

  app.setErrorHandler((caught, request, reply) => {
    reply.type(JSON_TYPE);
    if (caught instanceof SimError) return reply.code(caught.status).send(caught.toBody());
    const error = caught as Error & { statusCode?: number; code?: string };
    const status = error.statusCode ?? 500;
    const code = error.code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send(errorBody('INVALID_FORMAT', { messages: ['request body too large'] }));
    }
    if (status < 500) {
      return reply.code(422).send(errorBody('INVALID_REQUEST', { message: error.message }));
    }
    if (!opts.quiet) console.error(`[sim] ${request.method} ${request.url} failed`, error);
    return reply.code(500).send(errorBody('EXCEPTION', { message: error.message }));
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type(JSON_TYPE)
      .send(errorBody('NOT_FOUND', { method: request.method, path: request.url.split('?')[0] }));
  });

  registerSchemaRoutes(app, sim);
  registerUploadRoutes(app, sim);
  registerUploadCollectionRoutes(app, sim);
  registerUploadTagRoutes(app);
  registerItemRoutes(app, sim);
  registerJobRoutes(app, sim);
  registerEnvironmentRoutes(app, sim);
  registerAdminRoutes(app, sim);

  app.addHook('onClose', async () => sim.close());
  return Object.assign(app, { sim });
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = buildSimulator(opts);
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sim: app.sim,
    close: async () => {
      await app.close();
    },
  };
}
