import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import 'datocms-react-ui/styles.css';
import './theme.css';

let root: Root | null = null;

/** One React root per frame; render hooks run again on every ctx change and re-render it. */
export function render(node: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  root ??= createRoot(container);
  root.render(<StrictMode>{node}</StrictMode>);
}
