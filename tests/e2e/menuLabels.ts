import { BULK_ACTIONS } from '../../src/actions/catalog';

/**
 * The Media Area menu's labels in the registry's order, so that adding an operation does not
 * touch the menu tests; the tests still name the actions whose presence they are about.
 */
export function mediaAreaLabels(options: { without?: readonly string[] } = {}): string[] {
  const labels = BULK_ACTIONS.filter((a) => a.surface === 'uploads').map((a) => a.label);
  for (const label of [...(options.without ?? []), 'Add tags…', 'Reorder collections…'])
    if (!labels.includes(label)) throw new Error(`No Media Area action “${label}”`);
  return labels.filter((label) => !options.without?.includes(label));
}
