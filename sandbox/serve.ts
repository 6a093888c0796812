/**
 * Static file servers of the sandbox, each on its own 127.0.0.1 port, i.e. its own origin, as in
 * DatoCMS: the host page (sandbox/host/dist/), and a plugin CDN that serves every installed
 * plugin under `/<package>@<version>/`, all on one origin, as plugins-cdn.datocms.com does.
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

export type CdnPackage = {
  /** npm package name and version: the package is served under `/<name>@<version>/`. */
  readonly name: string;
  readonly version: string;
  /** Folder of the package holding the built entry point, e.g. dist. */
  readonly folder: string;
  /** Directory on disk served as that folder; must contain index.html. */
  readonly root: string;
};

/** `/<name>@<version>/<folder>/` of a package on the CDN. */
export function cdnPath(pkg: Pick<CdnPackage, 'name' | 'version' | 'folder'>): string {
  return `/${pkg.name}@${pkg.version}/${pkg.folder}/`;
}

/**
 * The plugin CDN: every package on one origin, each under its own path. Plugins served from here
 * share IndexedDB, storage, BroadcastChannels and Web Locks, as marketplace plugins do.
 */
export async function serveCdn(options: {
  packages: readonly CdnPackage[];
  port: number;
}): Promise<StaticServer> {
  const app = Fastify({ logger: false });
  let first = true;
  for (const pkg of options.packages) {
    if (!existsSync(join(pkg.root, 'index.html')))
      throw new Error(`${pkg.root}/index.html does not exist: build it first.`);
    await app.register(fastifyStatic, {
      root: resolve(pkg.root),
      prefix: cdnPath(pkg),
      index: 'index.html',
      cacheControl: false,
      etag: true,
      setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
      // One reply decorator per server: only the first registration adds it.
      decorateReply: first,
    });
    first = false;
  }
  await app.listen({ host: HOST, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${HOST}:${port}/`, port, app, close: () => app.close() };
}
