/** The reorder modal's steps and what it shares between them. */
import type { StoredRun } from '../bulk/exportFile';
import type { Noun } from '../bulk/nouns';
import type { RunReportView } from '../bulk/report';
import type { RunTracker } from '../bulk/runTracker';
import type { FlatItem, ServerCollection } from './tree';
import type { staleSummary } from './treeChanges';

export const ACTION_ID = 'uploadCollections.reorder';
export const COLLECTION: Noun = { one: 'collection', many: 'collections' };

export type Conflict = {
  readonly now: ServerCollection[];
  readonly summary: NonNullable<ReturnType<typeof staleSummary>>;
};

export type Step =
  | { name: 'edit' }
  | { name: 'preview' }
  | { name: 'progress'; tracker: RunTracker; label: string }
  | {
      name: 'report';
      label: string;
      runs: StoredRun[];
      report: RunReportView;
      canUndo: boolean;
      tree: FlatItem[];
    };

export type ReportStepState = Extract<Step, { name: 'report' }>;
