/** A value read once: still loading, there, or failed with a message. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };
