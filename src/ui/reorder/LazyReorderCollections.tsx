/**
 * The reorder modal in its own chunk: dnd-kit and the tree code are loaded only when
 * "Reorder collections…" is opened, so the other actions' modal does not carry them.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import { Spinner } from 'datocms-react-ui';
import type { ReorderCollections } from './ReorderCollections';

const Modal = lazy(() =>
  import('./ReorderCollections').then((m) => ({ default: m.ReorderCollections })),
);

export function LazyReorderCollections(props: ComponentProps<typeof ReorderCollections>) {
  return (
    <Suspense fallback={<Spinner size={24} />}>
      <Modal {...props} />
    </Suspense>
  );
}
