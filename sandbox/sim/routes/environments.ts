/** GET /environments and /environments/:id, shaped as RawApiTypes `Environment`. */
import type { FastifyInstance } from 'fastify';
import { serializeEnvironment } from '../environments';
import { notFound } from '../errors';
import type { Simulator } from '../simulator';

export function registerEnvironmentRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get('/environments', async () => ({
    data: sim.environments.list().map(serializeEnvironment),
  }));

  app.get<{ Params: { id: string } }>('/environments/:id', async (request) => {
    const environment = sim.environments.find(request.params.id);
    if (!environment) throw notFound({ type: 'environment', id: request.params.id });
    return { data: serializeEnvironment(environment) };
  });
}
