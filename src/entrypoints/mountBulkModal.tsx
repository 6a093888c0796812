import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { render } from '../ui/render';
import { BulkModal } from './BulkModal';

export function mount(ctx: RenderModalCtx): void {
  render(<BulkModal ctx={ctx} />);
}
