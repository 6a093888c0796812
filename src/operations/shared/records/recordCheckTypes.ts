/**
 * What a record check reads and answers: a record run depends on more than each record itself
 * (unpublished parents and linked records, published children, child records, the linking
 * fields' strategies, the stage a record moves from, the role's rules). Each record operation's
 * flow policy checks its own; the preview turns the answer into blocked rows with the reason,
 * notes, side effects, and records the user may add to the run.
 */
import type { Prediction } from '../types';
import type { RecordFact } from './recordFact';
import type { ReadModel, RecordContext, RecordReads } from './recordReads';
import type { Reference } from './reference';
import type { SideEffect } from './sideEffects';

export type InclusionKind = 'parents' | 'links' | 'children';

/** Records outside the scope that the user may add to the run. */
export type Inclusion = {
  readonly kind: InclusionKind;
  /** In run order. */
  readonly ids: readonly string[];
  readonly label: string;
};

export type RecordCheckInput = {
  readonly actionId: string;
  /** The scope's ids, in scope order. */
  readonly ids: readonly string[];
  /** Facts of the scope's records and of the records around them that were read. */
  readonly facts: ReadonlyMap<string, RecordFact>;
  /** Delete and unpublish: the links to each record (and, for unpublish, to the records the
   * linking fields unpublish too), with the field each one sits in. */
  readonly references?: ReadonlyMap<string, readonly Reference[]>;
  /** Tree models: every record's children (read for unpublish and delete). */
  readonly children?: ReadonlyMap<string, readonly string[]>;
  /** Move to stage: the target stage and the stage names. */
  readonly stageId?: string;
  readonly stageNames?: ReadonlyMap<string, string>;
  /** The role's rules for one record (stage moves included); absent: not checked here. */
  readonly permission?: (fact: RecordFact) => RecordPermission;
  /** The inclusions the user switched on. */
  readonly include: ReadonlySet<InclusionKind>;
};

/** The role's rules for one record: allowed, denied, or up to DatoCMS (creator not known). */
export type RecordPermission =
  { readonly kind: 'allowed' } | { readonly kind: 'denied' | 'unknown'; readonly reason: string };

export type RecordCheckResult = {
  /** Predictions that replace the engine's for these ids. */
  readonly overrides: ReadonlyMap<string, Prediction>;
  /** A note on rows that will change (e.g. the stage they move from). */
  readonly notes: ReadonlyMap<string, string>;
  /** What may be added, whether or not it is switched on. */
  readonly offered: readonly Inclusion[];
  /** The run's ids in the order the API needs them: the inclusions switched on, then the scope. */
  readonly runOrder: readonly string[];
  /** Records outside the run that DatoCMS changes because of it. */
  readonly sideEffects: readonly SideEffect[];
};

/** An operation's record check (its flow policy's `recordChecks`). */
export type RecordChecks = {
  /** Reads what the check needs beyond the scope's records (absent: nothing more). */
  read?(
    reads: RecordReads,
    model: ReadModel,
    scope: ReadonlyMap<string, RecordFact>,
  ): Promise<RecordContext>;
  check(input: RecordCheckInput): RecordCheckResult;
};
