/**
 * The hidden, long-lived boot frame (mode 'onBoot'). Every hook that takes a ctx but renders
 * nothing (dropdown-action declarations, execute*, sidebar-panel declarations) runs there through
 * `callMethodMergingBootCtx`, whether or not the plugin implements onBoot.
 */
import { mountFrame, type FrameContext, type HostMethod, type PluginChild } from './bridge';
import { hostLog } from './log';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class BootFrame {
  private child: PluginChild | null = null;
  private callCounter = 0;
  /** Extra ctx methods of calls in flight, by methodCallId. */
  private readonly extraMethods = new Map<string, Record<string, HostMethod>>();
  private settingsRead!: () => void;
  private readonly settingsReadPromise = new Promise<void>((resolve) => {
    this.settingsRead = resolve;
  });
  readonly ready: Promise<Record<string, true>>;
  readonly label: string;

  constructor(context: FrameContext, container: HTMLElement) {
    const readSettings = context.baseProps;
    const frame = mountFrame(
      {
        ...context,
        baseProps: () => {
          this.settingsRead();
          return readSettings();
        },
      },
      {
        mode: 'onBoot',
        selfResizing: false,
        hidden: true,
        title: 'Plugin boot frame',
        testId: 'boot-frame',
        extraMethods: {
          callAdditionalCtxMethod: (callId: string, name: string, args: unknown[]) => {
            const fn = this.extraMethods.get(callId)?.[name];
            if (!fn) throw new Error(`No ctx method ${name} for call ${callId}`);
            return fn(...(args as never[]));
          },
        },
      },
      container,
    );
    this.label = frame.label;
    this.ready = frame.child.then(async (child) => {
      this.child = child;
      // The SDK arms callMethodMergingBootCtx only once our getSettings() reply has reached it;
      // until then it answers null. A probe for a hook nobody implements answers undefined once
      // armed, so no real hook is ever called twice.
      await this.settingsReadPromise;
      for (let attempt = 0; ; attempt++) {
        const probe = await child.callMethodMergingBootCtx('__sandboxProbe', [], {}, [], 'probe');
        if (probe !== null) break;
        if (attempt > 100) throw new Error('The boot frame never became ready');
        await sleep(20);
      }
      const entry = hostLog.add('host→plugin', frame.label, 'implementedHooks', []);
      const hooks = await child.implementedHooks();
      hostLog.settle(entry, 'ok', hooks);
      return hooks;
    });
  }

  /**
   * Runs a ctx-taking hook in the boot frame. `extraMethods` become ctx methods that call back
   * into the host through callAdditionalCtxMethod.
   */
  async call<T>(
    name: string,
    args: unknown[],
    extraProps: Record<string, unknown> = {},
    extraMethods: Record<string, HostMethod> = {},
  ): Promise<T> {
    await this.ready;
    const child = this.child;
    if (!child) throw new Error('The boot frame is not connected');
    const callId = `call-${Date.now()}-${++this.callCounter}`;
    this.extraMethods.set(callId, extraMethods);
    const entry = hostLog.add('host→plugin', this.label, name, [...args, extraProps]);
    try {
      const result = await child.callMethodMergingBootCtx(
        name,
        args,
        extraProps,
        Object.keys(extraMethods),
        callId,
      );
      hostLog.settle(entry, 'ok', result);
      return result as T;
    } catch (error) {
      hostLog.settle(entry, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.extraMethods.delete(callId);
    }
  }
}
