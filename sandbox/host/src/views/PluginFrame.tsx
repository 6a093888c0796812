import { useEffect, useRef } from 'react';
import { mountFrame, type FrameContext, type HostMethods, type MountedFrame } from '../bridge';
import { useHost } from '../host';

type Props = {
  mode: string;
  /** Mode-specific properties; a new object pushes onChange to the frame. */
  extraProps: Record<string, unknown>;
  extraMethods?: HostMethods;
  selfResizing?: boolean;
  initialHeight?: number;
  bodyPadding?: readonly [number, number, number, number];
  title: string;
  testId: string;
  className?: string;
  /** The plugin whose frame this is (default: the plugin under test). */
  frames?: FrameContext;
};

/**
 * One plugin iframe. The iframe is created outside React's tree (mountFrame creates it, sets src,
 * appends it and connects in one task) and lives as long as this component.
 */
export function PluginFrame({
  mode,
  extraProps,
  extraMethods,
  selfResizing = true,
  initialHeight,
  bodyPadding,
  title,
  testId,
  className,
  frames: pluginFrames,
}: Props) {
  const host = useHost();
  const frames = pluginFrames ?? host.frames;
  const containerRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<MountedFrame | null>(null);
  const propsRef = useRef(extraProps);
  const methodsRef = useRef(extraMethods);

  useEffect(() => {
    propsRef.current = extraProps;
    methodsRef.current = extraMethods;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const methods: HostMethods = {};
    for (const name of Object.keys(methodsRef.current ?? {})) {
      methods[name] = (...args: never[]) => methodsRef.current?.[name]?.(...args);
    }
    const frame = mountFrame(
      frames,
      {
        mode,
        extraProps: () => propsRef.current,
        extraMethods: methods,
        selfResizing,
        initialHeight,
        bodyPadding,
        title,
        testId,
      },
      container,
    );
    frameRef.current = frame;
    return () => {
      frameRef.current = null;
      frame.destroy();
    };
    // The frame is mounted once per mode; later prop changes go through onChange below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frames, mode]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    propsRef.current = extraProps;
    frameRef.current
      ?.pushProps()
      .catch((error: unknown) => console.warn('onChange after the frame went away', error));
  }, [extraProps]);

  return <div ref={containerRef} className={className} data-testid={`${testId}-container`} />;
}
