// penpal 4.1.1 ships no type declarations. The host uses only the parent side.
declare module 'penpal/lib/connectToChild' {
  export type PenpalMethods = Record<string, (...args: never[]) => unknown>;

  export type PenpalConnection<TChild> = {
    /** Resolves with proxies of the child's methods once the child's handshake arrives. */
    promise: Promise<TChild>;
    /** Removes the message listeners; penpal also destroys itself when the iframe leaves the DOM. */
    destroy(): void;
  };

  export default function connectToChild<
    TChild = Record<string, (...args: unknown[]) => Promise<unknown>>,
  >(options: {
    iframe: HTMLIFrameElement;
    methods?: Record<string, (...args: never[]) => unknown>;
    childOrigin?: string;
    timeout?: number;
    debug?: boolean;
  }): PenpalConnection<TChild>;
}
