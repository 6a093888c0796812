/**
 * Static file servers of the sandbox: the built plugin (dist/) and the built host page
 * (sandbox/host/dist/), each on its own 127.0.0.1 port, i.e. its own origin, as in DatoCMS.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export type StaticServer = {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
};

export type StaticServerOptions = {
  /** Directory to serve; must contain index.html. */
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** Extra JSON routes, e.g. /sandbox-config.json. */
  json?: Record<string, () => unknown>;
};

export const HOST = '127.0.0.1';

export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  if (!existsSync(join(options.root, 'index.html'))) {
    throw new Error(`${options.root}/index.html does not exist: build it first.`);
  }
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, {
    root: resolve(options.root),
    index: 'index.html',
    // Fresh builds must win over the browser cache while developing.
    cacheControl: false,
    etag: true,
    setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
  });
  for (const [path, body] of Object.entries(options.json ?? {})) {
    app.get(path, async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return body();
    });
  }
  await app.listen({ host: HOST, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    app,
    close: () => app.close(),
  };
}
