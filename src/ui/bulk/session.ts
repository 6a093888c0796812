/**
 * What the bulk modal does with the CMA and the run channel, in plain TS (no React): reads the
 * project's tags and collections, previews, finds assets in use, prepares runs in the shared
 * ledger and asks the boot frame to execute them.
 */
import type { BulkActionId } from '../../actions/catalog';
import type { CmaAccess } from '../../cma/access';
import { createEngineClient, type EngineClient } from '../../cma/engineClient';
import {
  IDS_PER_LOOKUP,
  fetchByIds,
  type ListResource,
  type RawEntity,
} from '../../cma/fetchByIds';
import type { RoleLike } from '../../config/permissions';
import { systemClock } from '../../engine/clock';
import { previewRun, type PreviewResult } from '../../engine/preview';
import { prepareRun, type BulkRun, type EngineDeps } from '../../engine/run';
import type { RunRecord } from '../../engine/runState';
import { resolveSelection, type Selection } from '../../engine/selection';
import type { Ledger } from '../../ledger/ledger';
import { listCollections } from '../../cma/uploadCollections';
import { loadOperation } from '../../operations/loadOperation';
import type { ValidationContext } from '../../operations/shared/types';
import { loadValidationContext } from '../../operations/shared/validationContext';
import type { RunChannel } from '../../runtime/channel';
import type { FrameRunScope } from '../../runtime/frameScope';
import type { RunStartSettings } from '../../runtime/messages';
import { flowPolicyFor } from '../../operations/flowPolicies';
import { recordName, type RecordFact } from '../../operations/shared/records/recordFact';
import type { RecordContext } from '../../operations/shared/records/recordReads';
import { parseModel, type RecordModel } from './recordModel';
import { countOf, readAll, readPage, type ListQuery } from './listReads';
import { findReferences, type ReferenceSource } from './references';
import { runLauncherFor } from '../../flow/runLauncherForSession';
import { RunTracker } from './runTracker';

export type CollectionOption = {
  readonly id: string;
  readonly label: string;
  readonly depth: number;
};
/** How the modal names an asset (its filename) or a record (its title, else its id). */
export type EntityInfo = {
  readonly id: string;
  readonly name: string;
  readonly thumbnail: string | null;
};

export function assetInfo(entity: RawEntity): EntityInfo {
  const a = entity.attributes ?? {};
  const url = typeof a.url === 'string' ? a.url : null;
  const isImage = a.is_image === true;
  return {
    id: entity.id,
    name: typeof a.filename === 'string' ? a.filename : entity.id,
    thumbnail: isImage && url ? `${url}?w=64&h=64&fit=crop` : null,
  };
}

/** A record's title (or name), else its id; localized values use their first locale. */
export function recordInfo(entity: RawEntity): EntityInfo {
  return { id: entity.id, name: recordName(entity), thumbnail: null };
}

/** Orders collections as a tree (parents before children) with their depth. */
export function collectionOptions(entities: readonly RawEntity[]): CollectionOption[] {
  const byParent = new Map<string | null, RawEntity[]>();
  for (const e of entities) {
    const parent =
      (e.relationships?.parent?.data as { id?: string } | null | undefined)?.id ?? null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), e]);
  }
  const out: CollectionOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort(
      (a, b) => Number(a.attributes?.position ?? 0) - Number(b.attributes?.position ?? 0),
    );
    for (const c of children) {
      out.push({ id: c.id, label: String(c.attributes?.label ?? c.id), depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

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
    return { api: this.api, clock: systemClock, ledger: await this.ledgerPromise };
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
  async loadKnownTags(): Promise<string[]> {
    const read = async (url: string) => {
      const body = await this.api.client.request<{ data: { attributes: { name: string } }[] }>({
        method: 'GET',
        url,
        queryParams: { page: { limit: 500 } },
      });
      return body.data.map((t) => t.attributes.name);
    };
    const [tags, smart] = await Promise.all([read('/upload-tags'), read('/upload-smart-tags')]);
    return [...new Set([...tags, ...smart])];
  }

  async loadCollections(): Promise<CollectionOption[]> {
    return collectionOptions(await listCollections(this.api.client));
  }

  /** Names (and thumbnails, for assets) of (up to the first `limit` of) the ids. */
  async entities(
    ids: readonly string[],
    limit = 1000,
    resource: ListResource = this.options.resource ?? 'uploads',
  ): Promise<Map<string, EntityInfo>> {
    const info = resource === 'uploads' ? assetInfo : recordInfo;
    const found = await fetchByIds(this.api.client, resource, ids.slice(0, limit));
    return new Map([...found].map(([id, e]) => [id, info(e)]));
  }

  private async getOne(url: string): Promise<RawEntity> {
    return (await this.api.client.request<{ data: RawEntity }>({ method: 'GET', url })).data;
  }

  private async getList(url: string): Promise<RawEntity[]> {
    return (await this.api.client.request<{ data: RawEntity[] }>({ method: 'GET', url })).data;
  }

  /**
   * The model with its fields (GET /item-types/:id, fields) and, when asked, its workflow's
   * stages: workflows are an Enterprise feature, so GET /workflows/:id is sent only where stages
   * are needed, and a plan without workflows answering it with an error leaves the stages empty.
   */
  async loadModel(itemTypeId: string, withStages = false): Promise<RecordModel> {
    const [itemType, fields] = await Promise.all([
      this.getOne(`/item-types/${itemTypeId}`),
      this.getList(`/item-types/${itemTypeId}/fields`),
    ]);
    const workflowId = (itemType.relationships?.workflow?.data as { id?: string } | null)?.id;
    const workflow =
      withStages && workflowId
        ? await this.getOne(`/workflows/${workflowId}`).catch(() => null)
        : null;
    return parseModel(itemType, fields, workflow);
  }

  /** Every model and block model (GET /item-types), read once. */
  itemTypes(): Promise<RawEntity[]> {
    this.itemTypesRead ??= this.getList('/item-types');
    return this.itemTypesRead;
  }

  /** Each collection's parent, for collection-scoped role rules (sub-collections inherit). */
  async collectionParents(): Promise<Map<string, string | null>> {
    return new Map(
      (await listCollections(this.api.client)).map((c) => [
        c.id,
        (c.relationships?.parent?.data as { id?: string } | null | undefined)?.id ?? null,
      ]),
    );
  }

  /** Up to `limit` records of the models whose title matches `text` (all of them when empty). */
  async findRecords(
    itemTypeIds: readonly string[],
    text: string,
    limit = 20,
  ): Promise<EntityInfo[]> {
    if (itemTypeIds.length === 0) return [];
    const filter: Record<string, unknown> = { type: itemTypeIds.join(',') };
    if (text.trim()) filter.query = text.trim();
    // One page: for one model, the most relevant matches first (`_rank_DESC`, [AS]
    // filtering-and-pagination.md); several models cannot be ordered at all.
    const orderBy = itemTypeIds.length === 1 ? (filter.query ? '_rank_DESC' : undefined) : null;
    const page = await readPage(
      this.api.client,
      'items',
      { filter, ...(orderBy !== undefined ? { orderBy } : {}) },
      0,
      limit,
    );
    return page.data.map(recordInfo);
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

  /** The exact number of entities a filter matches, minus the excluded ids among them. */
  async countMatching(
    filter: Record<string, unknown>,
    exclude: readonly string[] = [],
    /** Records: the locale text and localized fields are matched in. */
    locale?: string,
  ): Promise<number> {
    const resource = this.options.resource ?? 'uploads';
    const q = (f: Record<string, unknown>): ListQuery => ({
      filter: f,
      ...(locale ? { locale } : {}),
    });
    // The records API does not combine filter[ids] with filter[type]: resolve and count.
    if (resource === 'items' && exclude.length > 0)
      return (
        await this.resolve({ resource, queries: [{ filter, exclude: [...exclude] }] }, locale)
      ).length;
    let total = await countOf(this.api.client, resource, q(filter));
    for (let i = 0; i < exclude.length; i += IDS_PER_LOOKUP) {
      const ids = exclude.slice(i, i + IDS_PER_LOOKUP).join(',');
      total -= await countOf(this.api.client, resource, q({ ...filter, ids }));
    }
    return total;
  }

  /** Resolves a selection into a frozen id list (pages of 500 in a stable order, excludes applied). */
  async resolve(selection: Selection, locale?: string): Promise<readonly string[]> {
    const client = this.api.client;
    const resource = this.options.resource ?? 'uploads';
    const frozen = await resolveSelection(selection, {
      listPage: async (filter, offset, limit) => {
        const page = await readPage(
          client,
          resource,
          { filter: { ...filter }, ...(locale ? { locale } : {}) },
          offset,
          limit,
        );
        return { ids: page.data.map((e) => e.id), total: page.total };
      },
      existing: async () => new Set<string>(),
    });
    return frozen.ids;
  }

  /** The full assets or records of `ids`, in their order (missing ids are left out). */
  async rawEntities(ids: readonly string[]): Promise<RawEntity[]> {
    const found = await fetchByIds(this.api.client, this.options.resource ?? 'uploads', ids);
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** The ids among `ids` that records still use (GET /uploads filtered on in_use). */
  async inUse(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
      const batch = ids.slice(i, i + IDS_PER_LOOKUP);
      const page = await readPage(
        this.api.client,
        'uploads',
        { filter: { ids: batch.join(','), fields: { in_use: { eq: true } } } },
        0,
        batch.length,
      );
      for (const e of page.data) out.add(e.id);
    }
    return out;
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
    const run = await prepareRun(await this.deps(), {
      ...settings,
      operationId: actionId,
      input,
      selection: { ids, notFound: [], count: ids.length },
      role: this.options.role,
      environment: this.options.access.environment,
      validation: await this.validationContext(actionId),
    });
    return this.launch([run], settings);
  }

  // Retry and Undo belong to the run launcher (Undo there covers the runs retried too).
  retry(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    return runLauncherFor(this, this.bootId).retry(runIds, settings);
  }

  canUndo(runIds: readonly string[]): Promise<boolean> {
    return runLauncherFor(this, this.bootId).canUndo(runIds);
  }

  undo(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    return runLauncherFor(this, this.bootId).undo(runIds, settings);
  }

  private async launch(runs: readonly BulkRun[], settings: RunStartSettings): Promise<RunTracker> {
    if (runs.length === 0) throw new Error('There is nothing to run.');
    const ledger = await this.ledger();
    // Subscribed before the start messages go out: no event can be missed.
    const tracker = new RunTracker({
      channel: this.channel,
      runs: runs.map((r) => ({
        runId: r.id,
        total: r.record.total,
        chunks: r.record.chunks.length,
      })),
      statusOf: async (runId) => (await ledger.load(runId))?.run.status,
    });
    for (const run of runs)
      this.channel.post({ kind: 'start', bootId: this.options.bootId, runId: run.id, settings });
    return tracker;
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
