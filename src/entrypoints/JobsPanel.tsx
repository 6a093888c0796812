import type {
  RenderItemFormSidebarPanelCtx,
  RenderUploadSidebarPanelCtx,
} from 'datocms-plugin-sdk';
import { Canvas } from 'datocms-react-ui';

type Props = { ctx: RenderItemFormSidebarPanelCtx | RenderUploadSidebarPanelCtx };

/** Running and recent bulk runs. The run ledger lands with the engine; until then it is empty. */
export function JobsPanel({ ctx }: Props) {
  return (
    <Canvas ctx={ctx}>
      <p data-testid="jobs-panel-empty">No bulk runs yet.</p>
    </Canvas>
  );
}
