/** The bulk flow's steps, port, options and snapshot, and what its previews read and know. */
import type { BulkActionDefinition } from '../actions/catalog';
import type { Actor } from '../config/itemPermissions';
import type { RoleLike } from '../config/permissions';
import type { BulkInput } from '../ui/bulk/bulkInput';
import type { PreviewModel } from '../ui/bulk/previewModel';
import type { Inclusion, InclusionKind, SideEffect } from '../ui/bulk/recordChecks';
import type { RecordModel } from '../ui/bulk/recordModel';
import type { RecordPreviewBase } from '../ui/bulk/recordPreview';
import type { BulkSession } from '../ui/bulk/session';
import type { CollectionOption, EntityInfo } from '../ui/bulk/entityInfo';
import type { PluginParameters } from '../config/parameters';
import type { RecordScopeFilter } from '../ui/bulk/recordScopeFilter';
import type { ScopeFilter } from '../ui/bulk/scopeFilter';
import type { FollowingStep, ReportState } from './bulkReport';
import type { MatchCount, ScopeMode } from './bulkScope';
import type { Loadable } from './loadable';
import type { RunLauncher } from './runLauncher';

export type PreviewStepState = {
  name: 'preview';
  model: PreviewModel;
  /** Assets in use that the settings allow deleting. */
  inUseDeleted?: number;
  /** Records: what the checks found, and the inclusions switched on. */
  records?: {
    base: RecordPreviewBase;
    include: ReadonlySet<InclusionKind>;
    /** What may be added (it does not depend on what is switched on). */
    offered: readonly Inclusion[];
    /** What DatoCMS does to other records because of the run. */
    sideEffects: readonly SideEffect[];
  };
};

/** The session reads a preview sends (the record checks go through `recordContext`). */
export type PreviewPort = Pick<
  BulkSession,
  'preview' | 'inUse' | 'collectionParents' | 'recordContext'
>;

/** What a preview depends on beyond the scope's ids and the operation's input. */
export type PreviewContext = {
  readonly port: PreviewPort;
  readonly action: BulkActionDefinition;
  readonly role: RoleLike;
  readonly environment: string;
  readonly actor: Actor;
  /** The input as chosen (the collection to move to, the stage to move to). */
  readonly input: BulkInput;
  /** Blocked codes sent all the same (see FlowPolicy.sendAnyway). */
  readonly sendAnyway: ReadonlySet<string>;
};

export type RecordPreviewContext = PreviewContext & { readonly model: RecordModel };

export type BulkStep =
  | { name: 'scope' }
  | { name: 'input' }
  | PreviewStepState
  | { name: 'confirm'; model: PreviewModel }
  | FollowingStep
  | ReportState;

/** The flow's I/O: the session's reads and start, the launcher's retry and undo. */
export type BulkFlowPort = Pick<
  BulkSession,
  | 'entities'
  | 'loadKnownTags'
  | 'loadCollections'
  | 'countMatching'
  | 'resolve'
  | 'preview'
  | 'inUse'
  | 'collectionParents'
  | 'recordContext'
  | 'start'
> &
  Pick<RunLauncher, 'retry' | 'undo'>;

export type BulkFlowOptions = {
  readonly port: BulkFlowPort;
  readonly action: BulkActionDefinition;
  /** The ids the editor selected, in selection order. */
  readonly selectedIds: readonly string[];
  readonly settings: PluginParameters;
  /** Record actions: the collection's model. */
  readonly model: RecordModel | null;
  readonly role: RoleLike;
  readonly environment: string;
  /** Who acts, for creator-scoped rules (see BulkFlow.setActor). */
  readonly actor: Actor;
};

export type BulkFlowSnapshot = {
  readonly step: BulkStep;
  readonly mode: ScopeMode;
  readonly filter: ScopeFilter;
  readonly recordFilter: RecordScopeFilter;
  readonly filterKey: string;
  readonly matchCount: MatchCount;
  /** The frozen ids of the scope: the selection, or the resolved "all matching". */
  readonly ids: readonly string[];
  readonly input: BulkInput;
  readonly error: string | null;
  readonly busy: boolean;
  readonly sample: Loadable<EntityInfo[]>;
  readonly knownTags: Loadable<string[]>;
  readonly collections: Loadable<CollectionOption[]>;
};
