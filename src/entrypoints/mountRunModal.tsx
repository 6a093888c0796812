import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { render } from '../ui/render';
import { RunModal } from './RunModal';

export function mount(ctx: RenderModalCtx): void {
  render(<RunModal ctx={ctx} />);
}
