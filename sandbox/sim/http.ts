/** Per-request state and small helpers the route modules share. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpContext } from './domain/context';
import { SimError } from './errors';
import type { EnvironmentRec } from './environments';
import type { JobRecord } from './jobs';
import type { Credential } from './permissions';
import type { Role } from './roles';
import type { HrefSchemaName } from './schema-names';
import type { Simulator } from './simulator';

export type RequestState = {
  seq: number;
  startedAt: number;
  isAdmin: boolean;
  role: Role | null;
  credential: Credential | null;
  /** The environment the request acts in (X-Environment, or the primary); null until resolved. */
  environment: EnvironmentRec | null;
  rateLimit: { limit: number; remaining: number; resetSeconds?: number } | null;
  fault: string | null;
  dropAfter: boolean;
  jobId: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    simState: RequestState;
  }
  interface FastifyContextConfig {
    /** Creates a job: subject to the submitErrorRate fault. */
    jobSubmit?: boolean;
    /** GET /job-results/:id: subject to the pollErrorRate fault. */
    jobPoll?: boolean;
    /** The generated href schema the query string is checked against. */
    href?: HrefSchemaName;
  }
}

/** Body that arrived with a Content-Type other than JSON; rejected when a route reads it. */
export class UnsupportedBody {
  constructor(readonly contentType: string) {}
}

export function readBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (body instanceof UnsupportedBody) {
    throw new SimError(422, 'INVALID_CONTENT_TYPE_HEADER', {
      content_type: body.contentType,
      expected: ['application/json', 'application/vnd.api+json'],
    });
  }
  return body;
}

/** The environment a CMA request acts in (resolved from X-Environment by the server hook). */
export function requestEnvironment(request: FastifyRequest): EnvironmentRec {
  const environment = request.simState.environment;
  if (!environment) throw new SimError(404, 'INVALID_ENVIRONMENT', {});
  return environment;
}

export function opContext(sim: Simulator, request: FastifyRequest): OpContext {
  const { role, credential } = request.simState;
  if (!role || !credential) throw new SimError(401, 'INVALID_AUTHORIZATION_HEADER', {});
  const environment = requestEnvironment(request);
  return {
    environment: environment.id,
    store: environment.store,
    role,
    credential,
    faults: sim.faults,
  };
}

/** Base URL the caller used, so asset URLs point back at this simulator whatever its port. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function accepted(request: FastifyRequest, reply: FastifyReply, job: JobRecord) {
  request.simState.jobId = job.id;
  return reply.code(202).send({ data: { type: 'job', id: job.id } });
}

/** Unique ids from a JSON:API relationship array, in first-seen order. */
export function relationshipIds(data: readonly { id: string }[]): string[] {
  return [...new Set(data.map((entry) => entry.id))];
}

export function bulkPayload(counts: { successful: number; failed: number }) {
  return { data: [], meta: { successful: counts.successful, failed: counts.failed } };
}

/**
 * Jobs run later: they see the data and faults of that moment, in the environment they were
 * submitted in, with the submitter's role. A job whose environment was destroyed meanwhile
 * fails with INVALID_ENVIRONMENT.
 */
export function jobContext(sim: Simulator, submitted: OpContext): OpContext {
  const environment = sim.environments.find(submitted.environment);
  if (!environment) {
    throw new SimError(404, 'INVALID_ENVIRONMENT', { environment: submitted.environment });
  }
  return {
    environment: environment.id,
    store: environment.store,
    faults: sim.faults,
    role: submitted.role,
    credential: submitted.credential,
  };
}

/** Runs a one-resource job body; a SimError becomes the job's non-2xx status and error payload. */
export function singleJobOutcome(run: () => unknown): { status: number; payload: unknown } {
  try {
    return { status: 200, payload: { data: run() } };
  } catch (error) {
    if (error instanceof SimError) return { status: error.status, payload: error.toBody() };
    throw error;
  }
}
