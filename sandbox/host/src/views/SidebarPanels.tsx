import { useMemo, useState } from 'react';
import type { HostMethods } from '../bridge';
import { useHost, type InstalledPlugin } from '../host';
import { PluginFrame } from './PluginFrame';
import { useAsync } from './useAsync';

type Panel = {
  id: string;
  label: string;
  parameters?: Record<string, unknown>;
  startOpen?: boolean;
  rank?: number;
  initialHeight?: number;
};

function isPanelArray(value: unknown): value is Panel[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Panel).id === 'string' &&
        typeof (p as Panel).label === 'string',
    )
  );
}

type Props = {
  /** itemFormSidebarPanels or uploadSidebarPanels. */
  hook: 'itemFormSidebarPanels' | 'uploadSidebarPanels';
  hookArgs: unknown[];
  mode: 'renderItemFormSidebarPanel' | 'renderUploadSidebarPanel';
  /** Mode props besides sidebarPaneId and parameters (item-form props, or {upload}). */
  frameProps: Record<string, unknown>;
  frameMethods?: HostMethods;
  testId: string;
};

function PanelSection({
  panel,
  plugin,
  mode,
  frameProps,
  frameMethods,
  testId,
}: { panel: Panel; plugin: InstalledPlugin } & Omit<Props, 'hook' | 'hookArgs'>) {
  const [open, setOpen] = useState(panel.startOpen ?? false);
  const extraProps = useMemo(
    () => ({ sidebarPaneId: panel.id, parameters: panel.parameters ?? {}, ...frameProps }),
    [panel, frameProps],
  );
  return (
    <section
      className="panel"
      data-testid={testId}
      data-panel-id={panel.id}
      data-plugin-id={plugin.config.id}
    >
      <h2 className="panel-title">
        <button
          type="button"
          aria-expanded={open}
          data-testid={`${testId}-toggle`}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} {panel.label}
        </button>
      </h2>
      {open && (
        <PluginFrame
          mode={mode}
          extraProps={extraProps}
          extraMethods={frameMethods}
          bodyPadding={[0, 10, 10, 10]}
          initialHeight={panel.initialHeight}
          title={`Plugin panel: ${panel.label}`}
          testId={`${testId}-frame`}
          frames={plugin.frames}
        />
      )}
    </section>
  );
}

/** The sidebar panels of every installed plugin, declared through its boot frame. */
export function SidebarPanels({ hook, hookArgs, mode, frameProps, frameMethods, testId }: Props) {
  const { plugins } = useHost();
  const panels = useAsync(
    async () => {
      const lists = await Promise.all(
        plugins.map(async (plugin) => {
          const hooks = await plugin.boot.ready;
          if (!hooks[hook]) return [];
          const result = await plugin.boot.call<unknown>(hook, hookArgs, {});
          if (!isPanelArray(result))
            throw new Error(`${plugin.config.name}: ${hook} returned an invalid panel list`);
          return result.map((panel) => ({ panel, plugin }));
        }),
      );
      return lists.flat().sort((a, b) => (a.panel.rank ?? 0) - (b.panel.rank ?? 0));
    },
    `${hook}:${JSON.stringify(hookArgs.map((a) => (a as { id?: string } | null)?.id))}`,
  );

  if (panels.status === 'loading') return <p className="muted">Loading plugin panels…</p>;
  if (panels.status === 'error')
    return (
      <p role="alert" data-testid={`${testId}-error`}>
        {panels.message}
      </p>
    );
  return (
    <div data-testid={`${testId}-list`}>
      {panels.value.map(({ panel, plugin }) => (
        <PanelSection
          key={`${plugin.config.id}:${panel.id}`}
          panel={panel}
          plugin={plugin}
          mode={mode}
          frameProps={frameProps}
          frameMethods={frameMethods}
          testId={testId}
        />
      ))}
    </div>
  );
}
