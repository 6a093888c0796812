/**
 * Mounting plugin frames, the way DatoCMS does: one <iframe> per surface, all loading the same
 * plugin URL, each told its mode by getSettings(). The parent side of the SDK's transport is
 * penpal 4.1.1 `connectToChild`, called in the same task that sets `src` and appends the iframe
 * (the child sends its handshake once and never retries).
 */
import connectToChild from 'penpal/lib/connectToChild';
import { hostLog } from './log';

/** What the plugin exposes to its parent (sdk connect.ts): the hooks that take no ctx, and these. */
export type PluginChild = {
  sdkVersion(): Promise<string>;
  implementedHooks(): Promise<Record<string, true>>;
  onChange(properties: Record<string, unknown>): Promise<void>;
  callMethodMergingBootCtx(
    methodName: string,
    methodArgs: unknown[],
    extraCtxProperties: Record<string, unknown>,
    extraCtxMethodKeys: string[],
    methodCallId: string,
  ): Promise<unknown>;
};

export type HostMethod = (...args: never[]) => unknown;
export type HostMethods = Record<string, HostMethod>;

/** The context every frame shares: the base properties and base methods of the SDK ctx. */
export type FrameContext = {
  pluginUrl: string;
  /** §9 property set, without mode and bodyPadding; read fresh at every call. */
  baseProps(): Record<string, unknown>;
  /** §5 base methods, bound to the frame that calls them (for logging and stacking). */
  baseMethods(frameLabel: string): HostMethods;
};

export type FrameSpec = {
  mode: string;
  /** Mode-specific properties (modalId, parameters, upload …); read fresh at every push. */
  extraProps?: () => Record<string, unknown>;
  /** Mode-specific methods (resolve, item-form methods …). */
  extraMethods?: HostMethods;
  /** ctx.bodyPadding [top, right, bottom, left]; default [0, 0, 0, 0]. */
  bodyPadding?: readonly [number, number, number, number];
  /** Self-resizing frames follow setHeight; imposed-size frames ignore it. */
  selfResizing: boolean;
  initialHeight?: number;
  /** Accessible title of the iframe. */
  title: string;
  testId?: string;
  hidden?: boolean;
};

export type MountedFrame = {
  readonly id: number;
  readonly label: string;
  readonly mode: string;
  readonly iframe: HTMLIFrameElement;
  readonly child: Promise<PluginChild>;
  /** The complete property set this frame would get from getSettings() now. */
  props(): Record<string, unknown>;
  /** Sends onChange(props()) to the plugin. */
  pushProps(): Promise<void>;
  destroy(): void;
};

let frameCounter = 0;
const openFrames = new Set<MountedFrame>();

/** Logs a call the plugin makes and turns its outcome into a Promise, as penpal expects. */
function logged(label: string, name: string, fn: HostMethod, quiet = false): HostMethod {
  return (...args: never[]) => {
    const entry = quiet ? null : hostLog.add('plugin→host', label, name, args);
    return Promise.resolve()
      .then(() => fn(...args))
      .then(
        (value) => {
          // getSettings answers with the whole property set (token included): not worth a copy.
          if (entry) hostLog.settle(entry, 'ok', name === 'getSettings' ? undefined : value);
          return value;
        },
        (error: unknown) => {
          if (entry)
            hostLog.settle(entry, {
              error: error instanceof Error ? error.message : String(error),
            });
          throw error;
        },
      );
  };
}

export function mountFrame(
  context: FrameContext,
  spec: FrameSpec,
  container: HTMLElement,
): MountedFrame {
  const id = ++frameCounter;
  const label = `${spec.mode}#${id}`;
  const props = (): Record<string, unknown> => ({
    mode: spec.mode,
    bodyPadding: [...(spec.bodyPadding ?? [0, 0, 0, 0])],
    ...context.baseProps(),
    ...(spec.extraProps?.() ?? {}),
  });

  const iframe = document.createElement('iframe');
  iframe.title = spec.title;
  iframe.dataset.mode = spec.mode;
  iframe.dataset.frameId = String(id);
  if (spec.testId) iframe.dataset.testid = spec.testId;
  iframe.style.border = '0';
  iframe.style.width = '100%';
  iframe.style.display = 'block';
  if (spec.hidden) {
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.style.position = 'absolute';
    iframe.style.width = '0';
    iframe.style.height = '0';
    iframe.style.visibility = 'hidden';
  } else if (spec.initialHeight !== undefined) {
    iframe.style.height = `${spec.initialHeight}px`;
  } else if (spec.selfResizing) {
    iframe.style.height = '0px';
  } else {
    iframe.style.height = '100%';
  }

  const methods: HostMethods = {};
  for (const [name, fn] of Object.entries(context.baseMethods(label))) {
    methods[name] = logged(label, name, fn);
  }
  for (const [name, fn] of Object.entries(spec.extraMethods ?? {})) {
    methods[name] = logged(label, name, fn);
  }
  methods.getSettings = logged(label, 'getSettings', () => props());
  methods.setHeight = logged(label, 'setHeight', (height: number) => {
    if (spec.selfResizing && !spec.hidden && Number.isFinite(height)) {
      iframe.style.height = `${Math.max(0, Math.ceil(height))}px`;
    }
  });
  // On a render frame the SDK never uses it, but the parent must expose it; the boot frame's
  // FrameSpec overrides it with the real dispatcher.
  methods.callAdditionalCtxMethod ??= logged(label, 'callAdditionalCtxMethod', () => undefined);

  // One task: src, append, connect. The child's single handshake must find us listening.
  iframe.src = context.pluginUrl;
  container.appendChild(iframe);
  const connection = connectToChild<PluginChild>({ iframe, methods });
  let connected = false;
  // A frame removed before its handshake (a quick navigation) rejects with "Connection
  // destroyed": that is the normal end of such a frame, not an error of the page.
  connection.promise.then(
    () => {
      connected = true;
    },
    () => undefined,
  );

  const frame: MountedFrame = {
    id,
    label,
    mode: spec.mode,
    iframe,
    child: connection.promise,
    props,
    async pushProps() {
      // A frame that has not connected yet will read fresh props with getSettings().
      if (!connected) return;
      const child = await connection.promise;
      const properties = props();
      // Logged as a summary: the keys sent (always the complete set) and what usually changes.
      const plugin = properties.plugin as { attributes?: { parameters?: unknown } } | undefined;
      const role = properties.currentRole as { attributes?: { name?: string } } | undefined;
      const entry = hostLog.add('host→plugin', label, 'onChange', [
        {
          keys: Object.keys(properties).sort(),
          mode: properties.mode,
          role: role?.attributes?.name,
          hasToken: typeof properties.currentUserAccessToken === 'string',
          parameters: plugin?.attributes?.parameters,
        },
      ]);
      await child.onChange(properties);
      hostLog.settle(entry, 'ok');
    },
    destroy() {
      openFrames.delete(frame);
      connection.destroy();
      iframe.remove();
    },
  };
  openFrames.add(frame);
  return frame;
}

/** After settings change (parameters, role, token grant): onChange to every open frame. */
export async function pushPropsToAllFrames(): Promise<void> {
  // A frame that never answers (e.g. removed mid-call) must not hold the others up.
  const timeout = () => new Promise<void>((resolve) => setTimeout(resolve, 2000));
  await Promise.all(
    [...openFrames].map((frame) =>
      Promise.race([
        frame.pushProps().catch((error: unknown) => console.warn(`onChange ${frame.label}`, error)),
        timeout(),
      ]),
    ),
  );
}

export function listOpenFrames(): MountedFrame[] {
  return [...openFrames];
}
