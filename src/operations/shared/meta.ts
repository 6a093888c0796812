import type { ActionSurface, RequiredPermission } from '../../actions/catalog';

/**
 * What the boot frame knows about an operation: plain data only (no React, no CMA client, no
 * operation logic), because every CMS page loads it. One `meta.ts` per operation folder.
 */
export type OperationMeta = {
  /** Stable id: stored in runs and in the menu's action ids, so never renamed. */
  readonly id: string;
  readonly surface: ActionSurface;
  /** Label in the batch menu; DatoCMS requires labels to be unique per menu. */
  readonly label: string;
  /** The label as a title (modal titles, job rows): no trailing "…". */
  readonly title: string;
  /** FontAwesome icon name, as the SDK expects. */
  readonly icon: string;
  /** Destroys data: shown in red, and gated by the destructive-roles setting. */
  readonly destructive: boolean;
  readonly requires: RequiredPermission;
  /** What the run's ids are. */
  readonly resource: 'uploads' | 'items' | 'uploadCollections';
  /** Whether a finished run can be undone (the operation defines `inverse`). */
  readonly hasInverse: boolean;
};
