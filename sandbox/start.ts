/**
 * The local DatoCMS: CMA simulator + built plugin + host page, each on its own 127.0.0.1 port.
 *
 *   npm start                       build the plugin and the host, start everything, print the URL
 *   tsx sandbox/start.ts --help     flags
 *
 * Tests call startSandbox() with port 0 everywhere and the already-built dist folders.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSimulator } from './sim/server';
import { cdnPath, serveCdn, serveStatic, type CdnPackage, type StaticServer } from './serve';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_PORTS = { sim: 4100, plugin: 4101, host: 4102 } as const;

const ownPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  datoCmsPlugin: { title: string; entryPoint: string };
};

/** The second plugin the host can install: no token, same CDN origin (sandbox/neighbour-plugin). */
export const NEIGHBOUR_PACKAGE = {
  name: 'datocms-plugin-neighbour-test',
  version: '1.0.0',
} as const;

/** What the host page learns from /sandbox-config.json about a plugin it can install. */
export type HostPluginConfig = {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly packageName: string | null;
  readonly version: string | null;
  /** Additional permissions it asks for (DatoCMS: `datoCmsPlugin.permissions`). */
  readonly permissions: readonly string[];
  /** Installed when the host starts (the host page can install or uninstall it). */
  readonly installed: boolean;
};

type SimulatorOptions = NonNullable<Parameters<typeof startSimulator>[0]>;
type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export type SandboxOptions = {
  /** 0 (the default) picks a free port. */
  simPort?: number;
  pluginPort?: number;
  hostPort?: number;
  /** Demo data (default) or an empty project with the schema only. */
  seed?: 'demo' | 'empty';
  /** Other simulator options (randomSeed, timing, rateLimit, quiet). */
  simulator?: Omit<SimulatorOptions, 'port' | 'seed'>;
  /** The built plugin; default <repo>/dist. */
  pluginDist?: string;
  /** The built host page; default <repo>/sandbox/host/dist. */
  hostDist?: string;
  /** The built neighbour test plugin; default <repo>/sandbox/neighbour-plugin/dist. */
  neighbourDist?: string;
  /** Any plugin entry URL to load instead of Bulk Actions (`--plugin-url`). */
  pluginUrl?: string;
  /** Whether the host starts with the neighbour test plugin installed (default false). */
  neighbour?: boolean;
};

export type Sandbox = {
  /** The page to open. */
  readonly hostUrl: string;
  /** The plugin's entry point: `<cdn>/<package>@<version>/dist/index.html` (or `--plugin-url`). */
  readonly pluginUrl: string;
  /** The plugin CDN's origin, shared by every plugin it serves. */
  readonly cdnUrl: string;
  /** The neighbour test plugin's entry point, on the CDN next to Bulk Actions. */
  readonly neighbourUrl: string;
  /** The CMA simulator (ctx.cmaBaseUrl), no trailing slash. */
  readonly simUrl: string;
  /** The simulator's in-memory state and controls (same process only). */
  readonly sim: RunningSimulator['sim'];
  close(): Promise<void>;
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const pluginDist = options.pluginDist ?? join(repoRoot, 'dist');
  const hostDist = options.hostDist ?? join(repoRoot, 'sandbox/host/dist');
  const neighbourDist = options.neighbourDist ?? join(repoRoot, 'sandbox/neighbour-plugin/dist');
  for (const [what, dir, command] of [
    ['plugin', pluginDist, 'npx vite build'],
    ['host page', hostDist, 'npm run build:host'],
    ['neighbour test plugin', neighbourDist, 'npm run build:host'],
  ] as const) {
    if (!existsSync(join(dir, 'index.html'))) {
      throw new Error(`The ${what} is not built (${dir}/index.html is missing): run ${command}.`);
    }
  }

  const started: Array<{ close(): Promise<unknown> }> = [];
  const close = async () => {
    await Promise.allSettled(started.reverse().map((s) => s.close()));
  };
  try {
    const simulator = await startSimulator({
      quiet: true,
      ...options.simulator,
      port: options.simPort ?? 0,
      seed: options.seed ?? 'demo',
    });
    started.push(simulator);
    const simUrl = simulator.url.replace(/\/+$/, '');
    const entry = ownPackage.datoCmsPlugin.entryPoint; // dist/index.html
    const packages: CdnPackage[] = [
      {
        name: ownPackage.name,
        version: ownPackage.version,
        folder: dirname(entry),
        root: pluginDist,
      },
      { ...NEIGHBOUR_PACKAGE, folder: 'dist', root: neighbourDist },
    ];
    const cdn: StaticServer = await serveCdn({ packages, port: options.pluginPort ?? 0 });
    started.push(cdn);
    const cdnUrl = cdn.url;
    const ownUrl = new URL(cdnPath(packages[0]!) + 'index.html', cdnUrl).href;
    const neighbourUrl = new URL(cdnPath(packages[1]!) + 'index.html', cdnUrl).href;
    const pluginUrl = options.pluginUrl ?? ownUrl;
    const plugins: HostPluginConfig[] = [
      options.pluginUrl
        ? {
            id: 'plugin-under-test',
            name: 'Plugin under test',
            url: options.pluginUrl,
            packageName: null,
            version: null,
            permissions: ['currentUserAccessToken'],
            installed: true,
          }
        : {
            id: 'bulk-actions-sandbox',
            name: ownPackage.datoCmsPlugin.title,
            url: ownUrl,
            packageName: ownPackage.name,
            version: ownPackage.version,
            permissions: ['currentUserAccessToken'],
            installed: true,
          },
      {
        id: 'neighbour-sandbox',
        name: 'Neighbour (test plugin)',
        url: neighbourUrl,
        packageName: NEIGHBOUR_PACKAGE.name,
        version: NEIGHBOUR_PACKAGE.version,
        permissions: [],
        installed: options.neighbour ?? false,
      },
    ];
    const host = await serveStatic({
      root: hostDist,
      port: options.hostPort ?? 0,
      json: { '/sandbox-config.json': () => ({ simUrl, pluginUrl, plugins }) },
    });
    started.push(host);
    return {
      hostUrl: host.url,
      pluginUrl,
      cdnUrl,
      neighbourUrl,
      simUrl,
      sim: simulator.sim,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Builds the plugin (dist/), the host page and the neighbour test plugin with Vite. */
export async function buildAll(): Promise<void> {
  const { build } = await import('vite');
  await build({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  await build({ configFile: join(repoRoot, 'sandbox/host/vite.config.ts'), logLevel: 'warn' });
  await build({
    configFile: join(repoRoot, 'sandbox/neighbour-plugin/vite.config.ts'),
    logLevel: 'warn',
  });
}

const HELP = `Usage: npm start -- [flags]   (or: tsx sandbox/start.ts [flags])

Starts the local DatoCMS: the CMA simulator, the plugin CDN (Bulk Actions and the neighbour test
plugin on one origin, as marketplace plugins are) and the host page, each on its own 127.0.0.1
port, and prints the URL to open. Ctrl-C stops everything.

  --sim-port <n>     CMA simulator port      (env SANDBOX_SIM_PORT,    default ${DEFAULT_PORTS.sim})
  --plugin-port <n>  plugin CDN port         (env SANDBOX_PLUGIN_PORT, default ${DEFAULT_PORTS.plugin})
  --host-port <n>    host page port          (env SANDBOX_HOST_PORT,   default ${DEFAULT_PORTS.host})
  --seed <kind>      demo | empty            (env SANDBOX_SEED,        default demo)
  --plugin-url <url> load this plugin entry point instead of Bulk Actions (try any DatoCMS plugin)
  --no-neighbour     start without the neighbour test plugin installed
  --no-build         serve the existing builds without building
  -h, --help         this help
`;

function port(flag: string | undefined, env: string | undefined, fallback: number): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Not a port: ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'sim-port': { type: 'string' },
      'plugin-port': { type: 'string' },
      'host-port': { type: 'string' },
      seed: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'plugin-url': { type: 'string' },
      'no-neighbour': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const seed = values.seed ?? process.env.SANDBOX_SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new Error(`--seed must be demo or empty`);
  if (!values['no-build']) {
    console.log('Building the plugin and the host page…');
    await buildAll();
  }
  const sandbox = await startSandbox({
    simPort: port(values['sim-port'], process.env.SANDBOX_SIM_PORT, DEFAULT_PORTS.sim),
    pluginPort: port(values['plugin-port'], process.env.SANDBOX_PLUGIN_PORT, DEFAULT_PORTS.plugin),
    hostPort: port(values['host-port'], process.env.SANDBOX_HOST_PORT, DEFAULT_PORTS.host),
    seed,
    neighbour: !values['no-neighbour'],
    ...(values['plugin-url'] ? { pluginUrl: new URL(values['plugin-url']).href } : {}),
  });
  const tokens = await fetch(`${sandbox.simUrl}/__sim/tokens`)
    .then(
      (r) =>
        r.json() as Promise<{ data: { token: string; role: { attributes: { name: string } } }[] }>,
    )
    .then((body) => body.data)
    .catch(() => []);
  console.log(`
Bulk Actions sandbox (local DatoCMS, ${seed} data) is running.

  Open ${sandbox.hostUrl}

Plugin: ${sandbox.pluginUrl}
Neighbour test plugin (same origin, no token): ${sandbox.neighbourUrl}

Demo API tokens of the CMA simulator (${sandbox.simUrl}); switch roles in the page's top bar:
${tokens.map((t) => `  ${t.role.attributes.name.padEnd(8)} ${t.token}`).join('\n')}

Press Ctrl-C to stop.`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    console.log('\nStopping the sandbox…');
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
