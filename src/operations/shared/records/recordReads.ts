/**
 * What a record check reads beyond the scope's own records, through a port the modal's session
 * provides: the operations name the records they need, never URLs or filters.
 */
import type { RawEntity } from '../../../cma/fetchByIds';
import type { RecordFact } from './recordFact';
import type { Reference } from './reference';

export type RecordReads = {
  /** The records of these ids (ids not found are left out). */
  byIds(ids: readonly string[]): Promise<readonly RawEntity[]>;
  /** Every record of a model. */
  allOfModel(modelId: string): Promise<readonly RawEntity[]>;
  /** The links to these records (grouped by model), with the records that hold them. */
  references(targetsByModel: ReadonlyMap<string, readonly string[]>): Promise<{
    readonly references: ReadonlyMap<string, readonly Reference[]>;
    readonly referrers: ReadonlyMap<string, RawEntity>;
  }>;
};

/** The model, as far as the reads need it. */
export type ReadModel = { readonly id: string; readonly tree: boolean };

/** The facts read (the scope's among them), and what the check needs beside them. */
export type RecordContext = {
  facts: Map<string, RecordFact>;
  /** Tree models: every record's children. */
  children?: Map<string, string[]>;
  references?: Map<string, readonly Reference[]>;
};
