/**
 * What the bulk modal does with the CMA and the run channel, in plain TS (no React): reads the
 * project's tags and collections, previews, finds assets in use, prepares runs in the shared
 * ledger and asks the boot frame to execute them.
 */
import type { BulkActionId } from '../../actions/catalog';
import type { CmaAccess } from '../../cma/access';
import { createEngineClient, type EngineClient } from '../../cma/engineClient';
import { fetchByIds, type ListResource, type RawEntity } from '../../cma/fetchByIds';
import { findRecords } from '../../cma/reads/items';
import { readAll, countOf } from '../../cma/reads/listReads';
import { listItemTypes, readModel } from '../../cma/reads/models';
import { countMatching, entitiesInOrder, resolveIds } from '../../cma/reads/scope';
import { assetsInUse, collectionParents, knownTags } from '../../cma/reads/uploads';
import type { RoleLike } from '../../config/permissions';
import { systemClock } from '../../engine/clock';
import { previewRun, type PreviewResult } from '../../engine/preview';
import type { EngineDeps } from '../../engine/run';
import type { RunRecord } from '../../engine/runState';
import type { Selection } from '../../engine/selection';
import type { Ledger } from '../../ledger/ledger';
import { listCollections } from '../../cma/uploadCollections';
import { loadOperation } from '../../operations/loadOperation';
import type { ValidationContext } from '../../operations/shared/types';
import { loadValidationContext } from '../../operations/shared/validationContext';
import type { RunChannel } from '../../runtime/channel';
import type { FrameRunScope } from '../../runtime/frameScope';
import type { RunStartSettings } from '../../runtime/messages';
import { flowPolicyFor } from '../../operations/flowPolicies';
import type { RecordFact } from '../../operations/shared/records/recordFact';
import type { RecordContext } from '../../operations/shared/records/recordReads';
import { parseModel, type RecordModel } from './recordModel';
import { findReferences, type ReferenceSource } from './references';
import { runLauncherFor } from '../../flow/runLauncherForSession';
import {
  assetInfo,
  collectionOptions,
  recordInfo,
  type CollectionOption,
  type EntityInfo,
} from './entityInfo';
import type { RunTracker } from './runTracker';
import type { RunLauncher } from '../../flow/runLauncher';

export type SessionOptions = {
  readonly access: CmaAccess;
  /** The frame's run scope (sealed channel, ledger) for its token, site and environment. */
  readonly runScope: Pick<FrameRunScope, 'openChannel' | 'ledger'>;
  readonly bootId: string;
  readonly role: RoleLike | undefined;
  /** What the action works on: assets (the default) or records. */
  readonly resource?: ListResource;
  /** The environment's locales, the main one first. */
  readonly locales?: readonly string[];
};

export class BulkSession {
  readonly api: EngineClient;
  /** The boot frame that executes the runs this session starts. */
  get bootId(): string {
    return this.options.bootId;
  }
  private ledgerPromise: Promise<Ledger> | undefined;
  private validation = new Map<string, Promise<ValidationContext>>();
  private itemTypesRead: Promise<RawEntity[]> | undefined;
  /** Requests the last reference search sent (the preview's cost, for tests and the note). */
  lastReferenceRequests = 0;
  private openChannel: RunChannel | null = null;

  constructor(private readonly options: SessionOptions) {
    this.api = createEngineClient(options.access, { clock: systemClock });
  }

  /** Opened on first use and again after close() (React may unmount and remount in dev). */
  get channel(): RunChannel {
    this.openChannel ??= this.options.runScope.openChannel();
    return this.openChannel;
  }

  close(): void {
    this.openChannel?.close();
    this.openChannel = null;
  }

  private async deps(): Promise<EngineDeps> {
    this.ledgerPromise ??= this.options.runScope.ledger();
    return { api: this.api, loadOperation, clock: systemClock, ledger: await this.ledgerPromise };
  }

  async ledger(): Promise<Ledger> {
    return (await this.deps()).ledger;
  }

  /** What validating the action's input needs, read once (workflows only for stage moves). */
  validationContext(actionId: BulkActionId): Promise<ValidationContext> {
    let context = this.validation.get(actionId);
    if (!context) {
      context = loadValidationContext(this.api.client, actionId);
      this.validation.set(actionId, context);
    }
    return context;
  }

  /** Upload tags and smart tags of the project (first 500 of each). */
  loadKnownTags(): Promise<string[]> {
    return knownTags(this.api.client);
  }

  async loadCollections(): Promise<CollectionOption[]> {
    return collectionOptions(await listCollections(this.api.client));
  }

  /** Names (and thumbnails, for assets) of (up to the first `limit` of) the ids. */
  async entities(
    ids: readonly string[],
    limit = 1000,
    resource: ListResource = this.resource,
  ): Promise<Map<string, EntityInfo>> {
    const info = resource === 'uploads' ? assetInfo : recordInfo;
    const found = await fetchByIds(this.api.client, resource, ids.slice(0, limit));
    return new Map([...found].map(([id, e]) => [id, info(e)]));
  }

  private async getList(url: string): Promise<RawEntity[]> {
    return (await this.api.client.request<{ data: RawEntity[] }>({ method: 'GET', url })).data;
  }

  /** The model with its fields and, when asked, its workflow's stages (see readModel). */
  async loadModel(itemTypeId: string, withStages = false): Promise<RecordModel> {
    const { itemType, fields, workflow } = await readModel(this.api.client, itemTypeId, withStages);
    return parseModel(itemType, fields, workflow);
  }

  /** Every model and block model (GET /item-types), read once. */
  itemTypes(): Promise<RawEntity[]> {
    this.itemTypesRead ??= listItemTypes(this.api.client);
    return this.itemTypesRead;
  }

  /** Each collection's parent, for collection-scoped role rules (sub-collections inherit). */
  collectionParents(): Promise<Map<string, string | null>> {
    return collectionParents(this.api.client);
  }

  /** Up to `limit` records of the models whose title matches `text` (all of them when empty). */
  async findRecords(
    itemTypeIds: readonly string[],
    text: string,
    limit = 20,
  ): Promise<EntityInfo[]> {
    return (await findRecords(this.api.client, itemTypeIds, text, limit)).map(recordInfo);
  }

  /** What the reference search reads, over the real client. */
  private referenceSource(): ReferenceSource {
    const client = this.api.client;
    return {
      referencingFields: (id) => this.getList(`/item-types/${id}/fields/referencing`),
      itemTypes: () => this.itemTypes(),
      listItems: (q) => readAll(client, 'items', q),
      countItems: (q) => countOf(client, 'items', q),
      references: async (id, version) =>
        (
          await client.request<{ data: RawEntity[] }>({
            method: 'GET',
            url: `/items/${id}/references`,
            queryParams: { nested: true, version },
          })
        ).data,
    };
  }

  /**
   * What the record checks need beyond the scope's own records, as the action's flow policy
   * reads it (unpublished parents and linked records, a tree model's children, linking records).
   */
  async recordContext(
    actionId: BulkActionId,
    model: RecordModel,
    scope: ReadonlyMap<string, RecordFact>,
  ): Promise<RecordContext> {
    const checks = flowPolicyFor(actionId).recordChecks;
    if (!checks?.read) return { facts: new Map(scope) };
    const client = this.api.client;
    this.lastReferenceRequests = 0;
    return checks.read(
      {
        byIds: async (ids) => [...(await fetchByIds(client, 'items', ids)).values()],
        allOfModel: (modelId) => readAll(client, 'items', { filter: { type: modelId } }),
        references: async (targets) => {
          const found = await findReferences(this.referenceSource(), targets, {
            locales: this.options.locales ?? [],
          });
          this.lastReferenceRequests += found.requests;
          return found;
        },
      },
      model,
      scope,
    );
  }

  private get resource(): ListResource {
    return this.options.resource ?? 'uploads';
  }

  /** The exact number of entities a filter matches, minus the excluded ids among them. */
  countMatching(
    filter: Record<string, unknown>,
    exclude: readonly string[] = [],
    /** Records: the locale text and localized fields are matched in. */
    locale?: string,
  ): Promise<number> {
    return countMatching(this.api.client, this.resource, filter, exclude, locale);
  }

  /** Resolves a selection into a frozen id list (pages of 500 in a stable order, excludes applied). */
  resolve(selection: Selection, locale?: string): Promise<readonly string[]> {
    return resolveIds(this.api.client, selection, locale);
  }

  /** The full assets or records of `ids`, in their order (missing ids are left out). */
  rawEntities(ids: readonly string[]): Promise<RawEntity[]> {
    return entitiesInOrder(this.api.client, this.resource, ids);
  }

  /** The ids among `ids` that records still use. */
  inUse(ids: readonly string[]): Promise<Set<string>> {
    return assetsInUse(this.api.client, ids);
  }

  async preview(
    actionId: BulkActionId,
    input: unknown,
    ids: readonly string[],
    onEntity?: (entity: RawEntity) => void,
  ): Promise<PreviewResult> {
    const op = await loadOperation(actionId, { clock: systemClock });
    const validated = op.validate(input, await this.validationContext(actionId));
    return previewRun({
      op,
      client: this.api.client,
      input: validated,
      ids,
      role: this.options.role,
      environment: this.options.access.environment,
      ...(onEntity ? { onEntity } : {}),
    });
  }

  /** Prepares the run in the shared ledger and asks this tab's boot frame to execute it. */
  async start(
    actionId: BulkActionId,
    input: unknown,
    ids: readonly string[],
    settings: RunStartSettings,
  ): Promise<RunTracker> {
    const launcher = this.launcher();
    const run = await launcher.prepare({
      ...settings,
      operationId: actionId,
      input,
      selection: { ids, notFound: [], count: ids.length },
      role: this.options.role,
      environment: this.options.access.environment,
      validation: await this.validationContext(actionId),
    });
    return launcher.start([run], settings);
  }

  // Retry and Undo belong to the run launcher (Undo there covers the runs retried too).
  retry(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    return this.launcher().retry(runIds, settings);
  }

  canUndo(runIds: readonly string[]): Promise<boolean> {
    return this.launcher().canUndo(runIds);
  }

  undo(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    return this.launcher().undo(runIds, settings);
  }

  private launcher(): RunLauncher {
    return runLauncherFor(this, this.bootId);
  }

  cancel(runId: string): void {
    this.channel.post({ kind: 'cancel', runId });
  }

  /** The run as the boot frame last saved it, once it has ended (polls the ledger briefly). */
  async finishedRun(
    runId: string,
    timeoutMs = 10_000,
  ): Promise<{ run: RunRecord; ids: readonly string[] }> {
    const ledger = await this.ledger();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await ledger.load(runId);
      const st = stored?.run.status;
      if (stored && (st === 'done' || st === 'cancelled' || st === 'interrupted')) return stored;
      if (Date.now() > deadline) {
        if (stored) return stored;
        throw new Error(`Run ${runId} is not in the ledger.`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
