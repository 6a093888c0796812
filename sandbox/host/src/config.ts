/** Where the simulator and the plugins live, served by sandbox/start.ts as /sandbox-config.json. */

/** A plugin the host can install (sandbox/start.ts `HostPluginConfig`). */
export type PluginConfig = {
  readonly id: string;
  readonly name: string;
  /** The entry point, e.g. `<cdn>/<package>@<version>/dist/index.html`. */
  readonly url: string;
  readonly packageName: string | null;
  readonly version: string | null;
  /** Additional permissions it asks for (`currentUserAccessToken`). */
  readonly permissions: readonly string[];
  readonly installed: boolean;
};

export type SandboxConfig = {
  /** The CMA simulator; becomes ctx.cmaBaseUrl. */
  readonly simUrl: string;
  /** The entry point of the plugin under test (the first of `plugins`). */
  readonly pluginUrl: string;
  /** The plugin under test first, then the neighbour test plugin (same CDN origin). */
  readonly plugins: readonly PluginConfig[];
};

function isConfig(value: unknown): value is SandboxConfig {
  const v = value as Partial<SandboxConfig> | null;
  return !!v && typeof v.simUrl === 'string' && typeof v.pluginUrl === 'string';
}

function primaryFor(url: string): PluginConfig {
  return {
    id: 'bulk-actions-sandbox',
    name: 'Bulk Actions',
    url,
    packageName: 'datocms-plugin-bulk-actions',
    version: 'sandbox',
    permissions: ['currentUserAccessToken'],
    installed: true,
  };
}

/** `?sim=…&plugin=…` on the host URL overrides the served config (handy with `vite` dev). */
export async function loadSandboxConfig(): Promise<SandboxConfig> {
  const query = new URLSearchParams(window.location.search);
  const simOverride = query.get('sim');
  const pluginOverride = query.get('plugin');
  if (simOverride && pluginOverride)
    return {
      simUrl: simOverride,
      pluginUrl: pluginOverride,
      plugins: [primaryFor(pluginOverride)],
    };
  const response = await fetch('./sandbox-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`sandbox-config.json: HTTP ${response.status}`);
  const config: unknown = await response.json();
  if (!isConfig(config)) throw new Error('sandbox-config.json has no simUrl/pluginUrl');
  const pluginUrl = pluginOverride ?? config.pluginUrl;
  const plugins = config.plugins?.length ? [...config.plugins] : [primaryFor(pluginUrl)];
  if (pluginOverride) plugins[0] = { ...plugins[0]!, url: pluginOverride };
  return { simUrl: simOverride ?? config.simUrl.replace(/\/$/, ''), pluginUrl, plugins };
}
