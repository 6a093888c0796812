/** Where the simulator and the plugin live, served by sandbox/start.ts as /sandbox-config.json. */
export type SandboxConfig = {
  /** The CMA simulator; becomes ctx.cmaBaseUrl. */
  readonly simUrl: string;
  /** The built plugin's entry point (dist/index.html), on another origin than the host. */
  readonly pluginUrl: string;
};

function isConfig(value: unknown): value is SandboxConfig {
  const v = value as Partial<SandboxConfig> | null;
  return !!v && typeof v.simUrl === 'string' && typeof v.pluginUrl === 'string';
}

/** `?sim=…&plugin=…` on the host URL overrides the served config (handy with `vite` dev). */
export async function loadSandboxConfig(): Promise<SandboxConfig> {
  const query = new URLSearchParams(window.location.search);
  const simOverride = query.get('sim');
  const pluginOverride = query.get('plugin');
  if (simOverride && pluginOverride) return { simUrl: simOverride, pluginUrl: pluginOverride };
  const response = await fetch('./sandbox-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`sandbox-config.json: HTTP ${response.status}`);
  const config: unknown = await response.json();
  if (!isConfig(config)) throw new Error('sandbox-config.json has no simUrl/pluginUrl');
  return {
    simUrl: simOverride ?? config.simUrl.replace(/\/$/, ''),
    pluginUrl: pluginOverride ?? config.pluginUrl,
  };
}
