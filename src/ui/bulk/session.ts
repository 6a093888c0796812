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
  listPage,
  type ListResource,
  type RawEntity,
} from '../../cma/fetchByIds';
import type { RoleLike } from '../../config/permissions';
import { systemClock } from '../../engine/clock';
import { previewRun, type PreviewResult } from '../../engine/preview';
import {
  prepareRun,
  retryFailed,
  undoRun,
  planUndo,
  type BulkRun,
  type EngineDeps,
} from '../../engine/run';
import type { RunRecord } from '../../engine/runState';
import { resolveSelection, type Selection } from '../../engine/selection';
import type { Ledger } from '../../ledger/ledger';
import { listCollections } from '../../operations/reorderCollections';
import { createOperation } from '../../operations/registry';
import type { ValidationContext } from '../../operations/types';
import { loadValidationContext } from '../../operations/validationContext';
import type { RunChannel } from '../../runtime/channel';
import type { FrameRunScope } from '../../runtime/frameScope';
import type { RunStartSettings } from '../../runtime/messages';
import { childrenIndex, recordFact, recordName, type RecordFact } from './recordChecks';
import { LINK_TYPES, linkTargets, parseModel, type RecordModel } from './recordModel';
import { buildReport } from './report';
import { RunTracker } from './tracker';

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
};

export class BulkSession {
  readonly api: EngineClient;
  private ledgerPromise: Promise<Ledger> | undefined;
  private validation: Promise<ValidationContext> | undefined;
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

  validationContext(): Promise<ValidationContext> {
    this.validation ??= loadValidationContext(this.api.client);
    return this.validation;
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

  /** The model with its fields and workflow stages (GET /item-types/:id, fields, workflow). */
  async loadModel(itemTypeId: string): Promise<RecordModel> {
    const [itemType, fields] = await Promise.all([
      this.getOne(`/item-types/${itemTypeId}`),
      this.getList(`/item-types/${itemTypeId}/fields`),
    ]);
    const workflowId = (itemType.relationships?.workflow?.data as { id?: string } | null)?.id;
    const workflow = workflowId ? await this.getOne(`/workflows/${workflowId}`) : null;
    return parseModel(itemType, fields, workflow);
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
    const page = await listPage(this.api.client, 'items', filter, 0, limit);
    return page.data.map(recordInfo);
  }

  /** Every page of a list (500 per request). */
  private async listAll(
    filter: Record<string, unknown>,
    version: 'current' | 'published' = 'current',
  ): Promise<RawEntity[]> {
    const resource = this.options.resource ?? 'uploads';
    const page = (offset: number) =>
      listPage(this.api.client, resource, filter, offset, 500, version);
    const first = await page(0);
    const out = [...first.data];
    for (let offset = 500; offset < first.total; offset += 500)
      out.push(...(await page(offset)).data);
    return out;
  }

  /**
   * What the record checks need beyond the scope's own records: unpublished parents up the tree
   * and linked records (publish); every record of a tree model (unpublish, delete); the records
   * that link to the scope's records (unpublish, delete).
   */
  async recordContext(
    actionId: BulkActionId,
    model: RecordModel,
    scope: ReadonlyMap<string, RecordFact>,
  ): Promise<{
    facts: Map<string, RecordFact>;
    children?: Map<string, string[]>;
    referrers?: Map<string, string[]>;
  }> {
    const facts = new Map(scope);
    const client = this.api.client;
    const read = async (ids: Iterable<string>) => {
      const missing = [...new Set(ids)].filter((id) => !facts.has(id));
      for (const e of (await fetchByIds(client, 'items', missing)).values())
        facts.set(e.id, recordFact(e));
      return missing;
    };
    if (actionId === 'items.publish') {
      await read([...scope.values()].flatMap((f) => f.links));
      // Up the tree, one level per round, until every unpublished ancestor is known: the scope's
      // and the linked records' (the facts hold both now).
      let frontier = [...facts.values()].flatMap((f) => (f.parentId ? [f.parentId] : []));
      for (let depth = 0; depth < 50 && frontier.length > 0; depth++) {
        await read(frontier);
        frontier = frontier.flatMap((id) => {
          const f = facts.get(id);
          return f && f.status === 'draft' && f.parentId && !facts.has(f.parentId)
            ? [f.parentId]
            : [];
        });
      }
      return { facts };
    }
    let children: Map<string, string[]> | undefined;
    if (model.tree && (actionId === 'items.unpublish' || actionId === 'items.destroy')) {
      const all = (await this.listAll({ type: model.id })).map((e) => recordFact(e));
      for (const f of all) if (!facts.has(f.id)) facts.set(f.id, f);
      children = childrenIndex(all);
    }
    if (actionId !== 'items.destroy' && actionId !== 'items.unpublish')
      return { facts, ...(children ? { children } : {}) };
    // Delete: linked records block it. Unpublish: published records linking to it block it.
    const referrers = await this.referrersOf(model.id, [...scope.keys()], facts);
    return { facts, referrers, ...(children ? { children } : {}) };
  }

  /** Records whose link fields point at `ids` (one filtered list per linking field and batch). */
  private async referrersOf(
    modelId: string,
    ids: readonly string[],
    facts: Map<string, RecordFact>,
  ): Promise<Map<string, string[]>> {
    const itemTypes = await this.getList('/item-types');
    // The models' fields are independent reads: fetched together, not one model after another.
    const fieldsByModel = await Promise.all(
      itemTypes.map((t) => this.getList(`/item-types/${t.id}/fields`)),
    );
    const linking = itemTypes.flatMap((itemType, n) =>
      fieldsByModel[n]!.flatMap((field) => {
        const a = field.attributes ?? {};
        const type = String(a.field_type ?? '');
        return LINK_TYPES.has(type) && linkTargets(a).includes(modelId)
          ? [{ itemTypeId: itemType.id, apiKey: String(a.api_key), many: type === 'links' }]
          : [];
      }),
    );
    // A set per target: a record linking in both versions (or twice) counts once.
    const out = new Map<string, Set<string>>();
    for (const { itemTypeId, apiKey, many } of linking) {
      for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
        const batch = ids.slice(i, i + IDS_PER_LOOKUP);
        const wanted = new Set(batch);
        const filter = {
          type: itemTypeId,
          fields: { [apiKey]: { [many ? 'any_in' : 'in']: batch } },
        };
        // A link counts in either version: the draft's, or the published one's.
        for (const version of ['current', 'published'] as const) {
          for (const e of await this.listAll(filter, version)) {
            const fact = recordFact(e, [apiKey]);
            if (!facts.has(fact.id)) facts.set(fact.id, fact);
            for (const target of fact.links)
              if (wanted.has(target) && target !== fact.id) {
                const referrers = out.get(target) ?? new Set<string>();
                out.set(target, referrers.add(fact.id));
              }
          }
        }
      }
    }
    return new Map([...out].map(([target, referrers]) => [target, [...referrers]]));
  }

  /** The exact number of entities a filter matches, minus the excluded ids among them. */
  async countMatching(
    filter: Record<string, unknown>,
    exclude: readonly string[] = [],
  ): Promise<number> {
    const resource = this.options.resource ?? 'uploads';
    // The records API does not combine filter[ids] with filter[type]: resolve and count.
    if (resource === 'items' && exclude.length > 0)
      return (await this.resolve({ resource, queries: [{ filter, exclude: [...exclude] }] }))
        .length;
    let total = (await listPage(this.api.client, resource, filter, 0, 1)).total;
    for (let i = 0; i < exclude.length; i += IDS_PER_LOOKUP) {
      const ids = exclude.slice(i, i + IDS_PER_LOOKUP).join(',');
      total -= (await listPage(this.api.client, resource, { ...filter, ids }, 0, 1)).total;
    }
    return total;
  }

  /** Resolves a selection into a frozen id list (pages of 500, excludes applied). */
  async resolve(selection: Selection): Promise<readonly string[]> {
    const client = this.api.client;
    const resource = this.options.resource ?? 'uploads';
    const frozen = await resolveSelection(selection, {
      listPage: async (filter, offset, limit) => {
        const page = await listPage(client, resource, { ...filter }, offset, limit);
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
      const page = await listPage(
        this.api.client,
        'uploads',
        { ids: batch.join(','), fields: { in_use: { eq: true } } },
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
    const op = createOperation(actionId, { clock: systemClock });
    const validated = op.validate(input, await this.validationContext());
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
      validation: await this.validationContext(),
    });
    return this.launch([run], settings);
  }

  async retry(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    const deps = await this.deps();
    const runs: BulkRun[] = [];
    for (const runId of runIds) {
      const stored = await deps.ledger.load(runId);
      if (!stored) continue;
      const c = buildReport(stored.run, stored.ids).counts;
      if (c.failed + c.not_run > 0) runs.push(await retryFailed(deps, runId, settings));
    }
    return this.launch(runs, settings);
  }

  async canUndo(runIds: readonly string[]): Promise<boolean> {
    const deps = await this.deps();
    for (const runId of runIds) if ((await planUndo(deps, runId)).length > 0) return true;
    return false;
  }

  async undo(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    const deps = await this.deps();
    const runs: BulkRun[] = [];
    for (const runId of runIds) runs.push(...(await undoRun(deps, runId, settings)));
    return this.launch(runs, settings);
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
