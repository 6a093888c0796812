/** GET /job-results/:id: 404 NOT_FOUND while the job runs (or is unknown), 200 once done. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors';
import type { Simulator } from '../simulator';

export function registerJobRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Params: { id: string } }>(
    '/job-results/:id',
    { config: { jobPoll: true } },
    async (request) => {
      const job = sim.jobs.find(request.params.id);
      if (!job || job.state !== 'done' || !job.result) {
        throw notFound({ type: 'job_result', id: request.params.id });
      }
      return {
        data: {
          type: 'job_result',
          id: job.id,
          attributes: { status: job.result.status, payload: job.result.payload },
        },
      };
    },
  );
}
