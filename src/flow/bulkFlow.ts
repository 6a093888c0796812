/**
 * The bulk modal's flow, framework-free: scope → input → preview → confirm → progress → report.
 * It holds the step and what the editor chose, runs the reads and starts through a small port
 * (the session and the run launcher), and tells subscribers when its snapshot changes (React
 * binds it with useSyncExternalStore).
 */
import type { Actor } from '../config/itemPermissions';
import { messageOf } from '../engine/messageOf';
import { flowPolicyFor } from '../operations/flowPolicies';
import { InputError } from '../operations/shared/inputErrors';
import { initialInput, operationInput, type BulkInput } from '../ui/bulk/bulkInput';
import { nounFor } from '../ui/bulk/nouns';
import type { PreviewModel } from '../ui/bulk/previewModel';
import type { InclusionKind } from '../ui/bulk/recordChecks';
import { recordPreviewModel } from '../ui/bulk/recordPreview';
import { EMPTY_RECORD_FILTER, type RecordScopeFilter } from '../ui/bulk/recordScopeFilter';
import type { RunTracker } from '../ui/bulk/runTracker';
import { EMPTY_FILTER, type ScopeFilter } from '../ui/bulk/scopeFilter';
import { previewAssets } from './bulkAssetPreview';
import type { BulkFlowOptions, BulkFlowSnapshot } from './bulkFlowTypes';
import { previewRecords } from './bulkRecordPreview';
import type { ReportState } from './bulkReport';
import {
  excludesSelected,
  filterKeyOf,
  listFilter,
  listLocale,
  scopeSelection,
  type ScopeMode,
} from './bulkScope';
import type { Loadable } from './loadable';

const SAMPLE_SIZE = 20;

const LOADING = { status: 'loading' } as const;

export class BulkFlow {
  private snapshot: BulkFlowSnapshot;
  private listeners = new Set<() => void>();
  private opened = false;
  private actor: Actor;
  private readonly policy;
  private readonly sendAnyway: ReadonlySet<string>;

  constructor(private readonly options: BulkFlowOptions) {
    this.actor = options.actor;
    this.policy = flowPolicyFor(options.action.id);
    this.sendAnyway = new Set(this.policy.sendAnyway);
    const filters = {
      model: options.model,
      filter: EMPTY_FILTER,
      recordFilter: EMPTY_RECORD_FILTER,
    };
    this.snapshot = {
      step: { name: 'scope' },
      mode: 'selected',
      filter: EMPTY_FILTER,
      recordFilter: EMPTY_RECORD_FILTER,
      filterKey: filterKeyOf(filters),
      matchCount: null,
      ids: options.selectedIds,
      input: initialInput(this.policy.input),
      error: null,
      busy: false,
      sample: LOADING,
      knownTags: LOADING,
      collections: LOADING,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BulkFlowSnapshot => this.snapshot;

  private set(patch: Partial<BulkFlowSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    this.snapshot = { ...next, filterKey: filterKeyOf({ model: this.options.model, ...next }) };
    for (const l of this.listeners) l();
  }

  private get noun() {
    return nounFor(this.options.action.surface);
  }

  private get runSettings() {
    const { chunkSize, jobsInFlight } = this.options.settings;
    return { chunkSize, jobsInFlight };
  }

  /** Reads what the steps show (a sample of the selection, tags, collections), once. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    const { port, selectedIds, action } = this.options;
    const load = <K extends 'sample' | 'knownTags' | 'collections'>(
      key: K,
      read: () => Promise<BulkFlowSnapshot[K] extends Loadable<infer T> ? T : never>,
    ) =>
      read().then(
        (value) => this.set({ [key]: { status: 'ready', value } }),
        (e: unknown) => this.set({ [key]: { status: 'error', message: messageOf(e) } }),
      );
    void load('sample', () =>
      port.entities(selectedIds.slice(0, SAMPLE_SIZE)).then((m) => [...m.values()]),
    );
    void load('knownTags', () =>
      this.snapshot.input.kind === 'tags' ? port.loadKnownTags() : Promise.resolve([]),
    );
    void load('collections', () =>
      action.surface === 'uploads' ? port.loadCollections() : Promise.resolve([]),
    );
  }

  /** Who acts can change once the users of the role have loaded: the next preview uses it. */
  setActor(actor: Actor): void {
    this.actor = actor;
  }

  setMode = (mode: ScopeMode): void => this.set({ mode });
  setFilter = (filter: ScopeFilter): void => this.set({ filter });
  setRecordFilter = (recordFilter: RecordScopeFilter): void => this.set({ recordFilter });
  setInput = (input: BulkInput): void => this.set({ input, error: null });
  toScope = (): void => this.set({ step: { name: 'scope' } });

  private scopeFilters() {
    const { filter, recordFilter } = this.snapshot;
    return { model: this.options.model, filter, recordFilter };
  }

  /** Counts "all matching" for the filter as it is now. */
  countMatching = (): void => {
    const key = this.snapshot.filterKey;
    const s = this.scopeFilters();
    this.set({ matchCount: { filterKey: key, count: LOADING } });
    this.options.port
      .countMatching(
        listFilter(s),
        excludesSelected(s) ? this.options.selectedIds : [],
        listLocale(s),
      )
      .then(
        (value) => this.set({ matchCount: { filterKey: key, count: { status: 'ready', value } } }),
        (e: unknown) =>
          this.set({
            matchCount: { filterKey: key, count: { status: 'error', message: messageOf(e) } },
          }),
      );
  };

  /** Freezes the scope's ids, then asks for the input, or previews when there is none. */
  confirmScope = async (): Promise<void> => {
    const { selectedIds, port } = this.options;
    this.set({ error: null });
    const next = (ids: readonly string[]) =>
      this.snapshot.input.kind === 'none'
        ? this.preview(ids)
        : this.set({ step: { name: 'input' } });
    if (this.snapshot.mode === 'selected') {
      this.set({ ids: selectedIds });
      await next(selectedIds);
      return;
    }
    this.set({ busy: true });
    try {
      const s = this.scopeFilters();
      const resolved = await port.resolve(scopeSelection(s, selectedIds), listLocale(s));
      this.set({ ids: resolved });
      await next(resolved);
    } catch (e) {
      this.set({ error: `Could not list the matching ${this.noun.many}: ${messageOf(e)}` });
    } finally {
      this.set({ busy: false });
    }
  };

  private runInput(chosen: BulkInput = this.snapshot.input): unknown {
    return this.policy.inputFromSettings
      ? this.policy.inputFromSettings(this.options.settings)
      : operationInput(chosen);
  }

  /** Previews the scope's ids with the input chosen (the input step passes its own). */
  preview = async (
    ids: readonly string[] = this.snapshot.ids,
    chosen: BulkInput = this.snapshot.input,
  ): Promise<void> => {
    const { port, action, role, environment, model, settings } = this.options;
    this.set({ error: null, busy: true });
    try {
      const opInput = this.runInput(chosen);
      const context = {
        port,
        action,
        role,
        environment,
        actor: this.actor,
        input: this.snapshot.input,
        sendAnyway: this.sendAnyway,
      };
      const { collections } = this.snapshot;
      const step = model
        ? await previewRecords({ ...context, model }, ids, opInput)
        : await previewAssets(
            {
              ...context,
              collections: collections.status === 'ready' ? collections.value : [],
              allowDeletingInUseAssets: settings.allowDeletingInUseAssets,
              checksAssetsInUse: this.policy.checksAssetsInUse === true,
            },
            ids,
            opInput,
          );
      this.set({ step });
    } catch (e) {
      this.set({
        error: e instanceof InputError ? e.message : `The preview failed: ${messageOf(e)}`,
      });
    } finally {
      this.set({ busy: false });
    }
  };

  /** Records: switches what the run adds (parents, links, children) on or off. */
  include = (include: ReadonlySet<InclusionKind>): void => {
    const step = this.snapshot.step;
    if (step.name !== 'preview' || !step.records) return;
    const { records } = step;
    const next = recordPreviewModel(records.base, include, this.sendAnyway);
    this.set({
      step: {
        name: 'preview',
        model: next.model,
        records: { ...records, include, sideEffects: next.sideEffects },
      },
    });
  };

  /** Back from the preview: to the input, or to the scope when the action takes none. */
  backFromPreview = (): void =>
    this.set({ step: this.snapshot.input.kind === 'none' ? { name: 'scope' } : { name: 'input' } });

  /** From the preview: a destructive run asks to confirm first. */
  next = (model: PreviewModel): void => {
    if (this.options.action.destructive) this.set({ step: { name: 'confirm', model } });
    else void this.start(model);
  };

  backToPreview = (model: PreviewModel): void => this.set({ step: { name: 'preview', model } });

  start = async (model: PreviewModel): Promise<void> => {
    const { port, action } = this.options;
    this.set({ error: null, busy: true });
    try {
      const tracker = await port.start(action.id, this.runInput(), model.runIds, this.runSettings);
      this.set({
        step: { name: 'progress', tracker, label: action.title, leftOut: model.leftOut },
      });
    } catch (e) {
      this.set({ error: `The run could not start: ${messageOf(e)}` });
    } finally {
      this.set({ busy: false });
    }
  };

  /** The runs followed have ended: their report. */
  report = (step: ReportState): void => this.set({ step });

  retry = (): Promise<void> => this.followReport('retry', (label) => `${label}: retry failed`);

  undo = (): Promise<void> =>
    this.followReport('undo', () => `Undo ${this.options.action.title.toLowerCase()}`);

  private async followReport(
    kind: 'retry' | 'undo',
    labelOf: (reportLabel: string) => string,
  ): Promise<void> {
    const step = this.snapshot.step;
    if (step.name !== 'report') return;
    const runIds = step.runs.map((r) => r.run.id);
    const label = labelOf(step.label);
    this.set({ error: null, busy: true });
    try {
      const tracker: RunTracker = await this.options.port[kind](runIds, this.runSettings);
      this.set({ step: { name: 'progress', tracker, label, leftOut: [] } });
    } catch (e) {
      this.set({ error: messageOf(e) });
    } finally {
      this.set({ busy: false });
    }
  }
}
