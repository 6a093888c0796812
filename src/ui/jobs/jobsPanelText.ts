/** What the jobs panel writes about a run and the entity it is shown on. */
import type {
  RenderItemFormSidebarPanelCtx,
  RenderUploadSidebarPanelCtx,
} from 'datocms-plugin-sdk';
import type { JobRow } from './jobRows';

export type PanelCtx = RenderItemFormSidebarPanelCtx | RenderUploadSidebarPanelCtx;

export const STATE_LABEL: Record<JobRow['state'], string> = {
  starting: 'Starting…',
  running: 'Running',
  interrupted: 'Interrupted',
  done: 'Done',
  cancelled: 'Cancelled',
};

export function entityOf(ctx: PanelCtx): { id: string; noun: string } | null {
  if ('upload' in ctx) return { id: ctx.upload.id, noun: 'asset' };
  return ctx.item ? { id: ctx.item.id, noun: 'record' } : null;
}

export function when(ms: number): string {
  return new Date(ms).toLocaleString('en', { dateStyle: 'short', timeStyle: 'short' });
}

export function environmentLabel(ctx: PanelCtx): string {
  return ctx.isEnvironmentPrimary ? `${ctx.environment} (primary)` : `${ctx.environment} (sandbox)`;
}
