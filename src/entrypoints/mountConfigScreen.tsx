import type { RenderConfigScreenCtx } from 'datocms-plugin-sdk';
import { render } from '../ui/render';
import { ConfigScreen } from './ConfigScreen';

export function mount(ctx: RenderConfigScreenCtx): void {
  render(<ConfigScreen ctx={ctx} />);
}
