import type {
  RenderItemFormSidebarPanelCtx,
  RenderUploadSidebarPanelCtx,
} from 'datocms-plugin-sdk';
import { render } from '../ui/render';
import { JobsPanel } from './JobsPanel';

export function mount(ctx: RenderItemFormSidebarPanelCtx | RenderUploadSidebarPanelCtx): void {
  render(<JobsPanel ctx={ctx} />);
}
