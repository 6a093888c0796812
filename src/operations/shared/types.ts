import type { Client } from '@datocms/cma-client-browser';
import type { BulkActionId, RequiredPermission } from '../../actions/catalog';
import type { RawEntity } from '../../cma/fetchByIds';
import type { BoundOperation } from '../../engine/boundOperation';

/** What validation may check input against (loaded once by the caller; see loadValidationContext). */
export type ValidationContext = {
  /** Upload collection ids of the project. */
  readonly collectionIds?: ReadonlySet<string>;
  /** Workflow stage ids of the project. */
  readonly stageIds?: ReadonlySet<string>;
};

/** Predicted outcome of one item, before anything is sent. */
export type Prediction =
  | { readonly outcome: 'change' }
  | { readonly outcome: 'noop'; readonly reason: string }
  | { readonly outcome: 'blocked'; readonly code: string; readonly reason: string };

/** A follow-up run that reverses (part of) a finished run. */
export type InverseRun = {
  readonly operationId: BulkActionId;
  readonly input: unknown;
  readonly ids: readonly string[];
};

/** The engine definition of an operation: what its `operation.ts` default-exports a factory of. */
export type OperationDefinition<I> = {
  /** Throws InputError before any request is sent. */
  validate(raw: unknown, context: ValidationContext): I;
  /** Predicted outcome for one item (undefined: the item does not exist). */
  preview(entity: RawEntity | undefined, input: I): Prediction;
  /** The calls the scheduler makes, bound to a client and a validated input. */
  bind(client: Client, input: I): BoundOperation;
  /** Per-item state worth keeping for Undo (small: only what the inverse needs). */
  snapshot?(entity: RawEntity, input: I): unknown;
  /** Runs that undo the succeeded ids, from their snapshots; absent when there is no inverse. */
  inverse?(
    input: I,
    before: Readonly<Record<string, unknown>>,
    succeeded: readonly string[],
  ): InverseRun[];
};

/** An operation as the engine sees it: its definition plus the identity from its meta. */
export type Operation<I> = OperationDefinition<I> & {
  readonly id: BulkActionId;
  /** What the run's ids are. */
  readonly resource: 'uploads' | 'items' | 'uploadCollections';
  readonly requires: RequiredPermission;
};

export type AnyOperation = Operation<unknown>;
