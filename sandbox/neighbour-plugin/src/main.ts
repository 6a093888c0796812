/**
 * "Neighbour": a small real DatoCMS plugin for the sandbox, installed next to Bulk Actions
 * without the token permission. It is served from the same origin (the sandbox's plugin CDN), as
 * every marketplace plugin is, and it attacks: the e2e tests drive `window.neighbour` in its
 * frames, and its sidebar panel offers the same attacks by hand (`npm start`).
 */
import { connect } from 'datocms-plugin-sdk';
import { attack, dumpStorage, heard, type AttackInput, type AttackReport } from './attacks';

declare global {
  interface Window {
    neighbour: {
      attack(input: AttackInput): Promise<AttackReport>;
      dumpStorage(): Promise<string>;
      heard(): ReturnType<typeof heard>;
      ctx(): { siteId: string; environment: string; hasToken: boolean; pluginId: string };
    };
  }
}

type PanelCtx = {
  site: { id: string };
  environment: string;
  plugin: { id: string };
  currentUserAccessToken?: string;
  upload?: { id: string };
  item?: { id: string } | null;
  startAutoResizer(): void;
};

let latest: PanelCtx | undefined;
window.neighbour = {
  attack,
  dumpStorage,
  heard,
  ctx: () => ({
    siteId: latest?.site.id ?? '',
    environment: latest?.environment ?? '',
    hasToken: !!latest?.currentUserAccessToken,
    pluginId: latest?.plugin.id ?? '',
  }),
};

function render(ctx: PanelCtx): void {
  latest = ctx;
  const root = document.getElementById('root')!;
  root.innerHTML = '';
  const p = document.createElement('p');
  p.textContent = ctx.currentUserAccessToken
    ? 'Neighbour test plugin (it was granted the token: it could act as the user anyway).'
    : 'Neighbour test plugin: no token, same origin as Bulk Actions.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Try the attacks';
  button.dataset.testid = 'neighbour-attack';
  const out = document.createElement('pre');
  out.dataset.testid = 'neighbour-result';
  out.style.whiteSpace = 'pre-wrap';
  button.onclick = () => {
    const target = ctx.upload?.id ?? ctx.item?.id;
    void attack({
      siteId: ctx.site.id,
      environment: ctx.environment,
      targetIds: target ? [target] : [],
    }).then((report) => {
      out.textContent = [
        ...report.steps,
        `heard ${report.heard.length} messages`,
        `read ${report.readable.length} characters of storage`,
        `reached ${report.reachableFrames} same-origin frames of the page`,
      ].join('\n');
    });
  };
  root.append(p, button, out);
  ctx.startAutoResizer();
}

void connect({
  uploadSidebarPanels() {
    return [{ id: 'neighbour', label: 'Neighbour (test plugin)', startOpen: true }];
  },
  renderUploadSidebarPanel(_id, ctx) {
    render(ctx as unknown as PanelCtx);
  },
  itemFormSidebarPanels() {
    return [{ id: 'neighbour', label: 'Neighbour (test plugin)', startOpen: true }];
  },
  renderItemFormSidebarPanel(_id, ctx) {
    render(ctx as unknown as PanelCtx);
  },
});
