import type { PluginParameters } from '../../config/parameters';
import type { RecordChecks } from './records/recordCheckTypes';

/** What the modal's input step asks for before the preview. */
export type InputKind =
  | { readonly kind: 'none' }
  | { readonly kind: 'tags'; readonly verb: 'add' | 'remove' }
  | { readonly kind: 'collection' }
  | { readonly kind: 'stage' };

/** What a model offers that some record actions need. */
export type ModelTraits = {
  /** The model has draft/published states. */
  readonly draftMode: boolean;
  /** The model has a workflow with at least one stage. */
  readonly hasWorkflow: boolean;
};

/**
 * An operation's decisions in the modal flow, as plain data and functions: one `flow.ts` per
 * operation folder default-exports one. The flow asks the policy instead of comparing action ids.
 */
export type FlowPolicy = {
  readonly input: InputKind;
  /** The modal it opens: the five steps (default), or the collection tree editor. */
  readonly modal?: 'steps' | 'collectionTree';
  /** The verb in permission reasons: "Your role cannot <verb> these assets". */
  readonly permissionVerb?: string;
  /** Moves records between workflow stages: stage names are read, and stage-bound rules are named. */
  readonly movesBetweenStages?: boolean;
  /** What Undo restores and what it cannot, shown above the report's Undo. */
  readonly undoNote?: string;
  /** Blocked codes whose items are sent anyway: the run then reports the platform's own reason. */
  readonly sendAnyway?: readonly string[];
  /** Why no record of a model with these traits can take the action, or null. */
  modelRefusal?(model: ModelTraits): string | null;
  /** The preview reads which assets records still use (deleting assets). */
  readonly checksAssetsInUse?: boolean;
  /** The run's input when it comes from the settings rather than the input step. */
  inputFromSettings?(settings: PluginParameters): unknown;
  /** Record actions: what the run depends on beyond each record (blocked rows, notes, inclusions). */
  readonly recordChecks?: RecordChecks;
};
