/**
 * /__sim/*: seeding, timing, faults, request log, state dump and tokens. No auth, no rate limit,
 * no latency: these are for tests, benchmarks and the sandbox host, never for the plugin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { walkContent } from '../content';
import { serializeEnvironment, type EnvironmentRec } from '../environments';
import { SimError } from '../errors';
import { defaultFaults, mergeFaults } from '../faults';
import { parseRateLimit } from '../rate-limit';
import { adminRole, editorRole, OWNER, type Role, type TokenEntry } from '../roles';
import { buildItem, buildUpload, UPLOAD_KINDS, type UploadKind } from '../seed/factories';
import type { SeedKind } from '../seed';
import type { ListingConfig, PlanConfig, Simulator } from '../simulator';
import type { Store } from '../store';
import { mergeTiming } from '../timing';
import type { CreatorRef, ItemRec, ItemStatus } from '../types';
import { placeholderSvg } from './placeholder';

type Body = Record<string, unknown>;

function badRequest(message: string): SimError {
  return new SimError(400, 'SIM_BAD_REQUEST', { message });
}

function body(request: FastifyRequest): Body {
  const value = request.body ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest('body must be a JSON object');
  return value as Body;
}

/** Turns the plain Errors thrown by the merge/parse helpers into 400 answers. */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SimError) throw error;
    throw badRequest(error instanceof Error ? error.message : String(error));
  }
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

function stringArray(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || entry === '')) {
    throw badRequest(`${key} must be an array of non-empty strings`);
  }
  return value as string[];
}

function countOf(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20_000) {
    throw badRequest('count must be an integer between 1 and 20000');
  }
  return value;
}

/** `?environment=<id>` on admin endpoints that read or write project data (default: primary). */
function adminEnvironment(sim: Simulator, request: FastifyRequest): EnvironmentRec {
  const id = (request.query as { environment?: unknown } | undefined)?.environment;
  if (id === undefined || id === '') return sim.environments.primary;
  if (typeof id !== 'string') throw badRequest('environment must be a string');
  const environment = sim.environments.find(id);
  if (!environment) throw badRequest(`environment ${id} does not exist`);
  return environment;
}

function collectionRef(store: Store, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string' || !store.collections.has(value)) {
    throw badRequest(`upload_collection ${String(value)} does not exist`);
  }
  return value;
}

function statusOf(value: unknown): ItemStatus | undefined {
  if (value === undefined) return undefined;
  if (value !== 'draft' && value !== 'updated' && value !== 'published') {
    throw badRequest('status must be draft, updated or published');
  }
  return value;
}

function applyStatus(item: ItemRec, status: ItemStatus): void {
  const now = new Date().toISOString();
  if (item.status === null) throw badRequest('this model has no draft/published status');
  item.status = status;
  if (status === 'draft') {
    item.publishedAttributes = null;
    item.publishedAt = null;
    return;
  }
  if (status === 'published' || !item.publishedAttributes) {
    item.publishedAttributes = { ...item.attributes };
  }
  item.publishedAt = now;
  item.firstPublishedAt ??= now;
}

function parsePlan(value: Body, base: PlanConfig): PlanConfig {
  const next = { ...base };
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'workflows') {
      if (typeof raw !== 'boolean') throw new Error('workflows must be true or false');
      next.workflows = raw;
    } else if (key === 'workflowsListing') {
      if (raw !== 'error' && raw !== 'empty') {
        throw new Error('workflowsListing must be "error" or "empty"');
      }
      next.workflowsListing = raw;
    } else throw new Error(`unknown plan key "${key}"`);
  }
  return next;
}

function parseListing(value: Body, base: ListingConfig): ListingConfig {
  const next = { ...base };
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'unordered') {
      if (raw !== 'shuffled' && raw !== 'stable') {
        throw new Error('unordered must be "shuffled" or "stable"');
      }
      next.unordered = raw;
    } else if (key === 'searchLagMs') {
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > 3_600_000) {
        throw new Error('searchLagMs must be a number between 0 and 3600000');
      }
      next.searchLagMs = raw;
    } else throw new Error(`unknown listing key "${key}"`);
  }
  return next;
}

/** `creator: { type, id }` on seeded records and assets (role rules' `on_creator`). */
function creatorFrom(value: unknown): CreatorRef | undefined {
  if (value === undefined || value === null) return undefined;
  const { type, id } = value as { type?: unknown; id?: unknown };
  if (
    typeof id !== 'string' ||
    !['account', 'user', 'sso_user', 'access_token'].includes(String(type))
  ) {
    throw badRequest('creator must be { type: account | user | sso_user | access_token, id }');
  }
  return { type: type as CreatorRef['type'], id };
}

/** `user: { type, id, name? }`; by default a user of its own, named after the token. */
function userFrom(value: unknown, token: string): TokenEntry['user'] {
  if (value === undefined) return { type: 'user', id: `user-${token}`, name: token };
  const user = value as Partial<TokenEntry['user']> | null;
  const types = ['account', 'user', 'sso_user', 'access_token'];
  if (!user || typeof user.id !== 'string' || !types.includes(String(user.type))) {
    throw badRequest(`user must be { type: ${types.join(' | ')}, id, name? }`);
  }
  return { type: user.type as TokenEntry['user']['type'], id: user.id, name: user.name ?? user.id };
}

function roleFrom(value: unknown): Role {
  if (value === undefined || value === 'admin') return adminRole();
  if (value === 'editor') return editorRole();
  const role = value as Role | null;
  if (!role || typeof role !== 'object' || !role.meta?.final_permissions || !role.id) {
    throw badRequest('role must be "admin", "editor" or a role object with meta.final_permissions');
  }
  return role;
}

export function registerAdminRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get('/__sim/tokens', async () => ({ data: [...sim.tokens.values()] }));

  app.post('/__sim/tokens', async (request) => {
    const input = body(request);
    const token = optionalString(input.token, 'token');
    if (!token) throw badRequest('token is required');
    const role = roleFrom(input.role);
    const entry: TokenEntry = {
      token,
      role,
      label: optionalString(input.label, 'label') ?? role.attributes.name,
      user: userFrom(input.user, token),
    };
    sim.tokens.set(token, entry);
    return { data: entry };
  });

  app.post('/__sim/reset', async (request) => {
    const input = body(request);
    const seed = (input.seed ?? sim.seed) as SeedKind;
    if (seed !== 'demo' && seed !== 'empty') throw badRequest('seed must be "demo" or "empty"');
    const randomSeed = input.randomSeed ?? sim.randomSeed;
    if (typeof randomSeed !== 'number' || !Number.isInteger(randomSeed)) {
      throw badRequest('randomSeed must be an integer');
    }
    sim.reset(seed, randomSeed);
    return { seed, randomSeed };
  });

  app.get('/__sim/timing', async () => sim.timing);
  app.put('/__sim/timing', async (request) => {
    sim.setTiming(guard(() => mergeTiming(sim.timing, body(request))));
    return sim.timing;
  });

  app.get('/__sim/rate-limit', async () => sim.rateLimiter.config);
  app.put('/__sim/rate-limit', async (request) => {
    sim.rateLimiter.config = guard(() => parseRateLimit(body(request), sim.rateLimiter.config));
    sim.rateLimiter.reset();
    return sim.rateLimiter.config;
  });

  app.get('/__sim/plan', async () => sim.plan);
  app.put('/__sim/plan', async (request) => {
    sim.setPlan(guard(() => parsePlan(body(request), sim.plan)));
    return sim.plan;
  });

  app.get('/__sim/listing', async () => sim.listing);
  app.put('/__sim/listing', async (request) => {
    sim.setListing(guard(() => parseListing(body(request), sim.listing)));
    return sim.listing;
  });

  // Makes every pending search-index update visible now, in every environment: tests control the
  // index instead of waiting for the lag.
  app.post('/__sim/search/reindex', async () => {
    for (const environment of sim.environments.list()) environment.store.flushSearchIndex();
    return { reindexed: true };
  });

  app.get('/__sim/faults', async () => sim.faults);
  app.put('/__sim/faults', async (request) => {
    sim.faults = guard(() => mergeFaults(sim.faults, body(request)));
    return sim.faults;
  });
  app.delete('/__sim/faults', async () => {
    sim.faults = defaultFaults();
    return sim.faults;
  });

  app.get<{ Querystring: { since?: string } }>('/__sim/log', async (request) => {
    const since = Number(request.query.since ?? 0);
    return { data: sim.log.since(Number.isFinite(since) ? since : 0), last_seq: sim.log.lastSeq };
  });
  app.delete('/__sim/log', async () => {
    sim.log.clear();
    return { last_seq: sim.log.lastSeq };
  });

  app.get('/__sim/jobs', async () => ({
    data: sim.jobs.list().map(({ forcedOutcome, result, ...job }) => ({
      ...job,
      forced_failure: forcedOutcome !== null,
      status: result?.status ?? null,
    })),
  }));

  // Test hook, not platform behaviour. While held, submitted jobs stay queued (polls answer 404,
  // "still running") until released: a test decides when a job ends instead of racing its
  // duration.
  const holdState = () => ({ hold: sim.jobs.held, held: sim.jobs.heldCount() });
  app.get('/__sim/jobs/hold', async () => holdState());
  app.put('/__sim/jobs/hold', async (request) => {
    const { hold } = body(request);
    if (typeof hold !== 'boolean') throw badRequest('hold must be true or false');
    sim.jobs.setHold(hold);
    return holdState();
  });
  // Kept for older callers: the same as PUT { hold: true }.
  app.post('/__sim/jobs/hold', async () => {
    sim.jobs.setHold(true);
    return holdState();
  });
  // `{ count }` releases that many held jobs (FIFO) and keeps holding later ones; without a count
  // every held job is released and the hold is lifted.
  app.post('/__sim/jobs/release', async (request) => {
    const { count } = body(request);
    if (count === undefined) {
      const released = sim.jobs.heldCount();
      sim.jobs.setHold(false);
      return { released, ...holdState() };
    }
    return { released: sim.jobs.release(countOf(count)), ...holdState() };
  });

  app.get<{ Querystring: { include?: string } }>('/__sim/state', async (request) =>
    stateDump(sim, adminEnvironment(sim, request), request.query.include),
  );

  app.get('/__sim/environments', async () => ({
    data: sim.environments.list().map(serializeEnvironment),
  }));

  app.post('/__sim/environments', async (request) => {
    const input = body(request);
    const id = optionalString(input.id, 'id');
    if (!id) throw badRequest('id is required');
    const source = optionalString(input.forkOf, 'forkOf') ?? sim.environments.primary.id;
    const environment = guard(() => sim.environments.fork(source, id));
    return { data: serializeEnvironment(environment) };
  });

  app.delete<{ Params: { id: string } }>('/__sim/environments/:id', async (request) => {
    guard(() => sim.environments.destroy(request.params.id));
    return { data: sim.environments.list().map(serializeEnvironment) };
  });

  app.post('/__sim/uploads', async (request) => {
    const { store } = adminEnvironment(sim, request);
    const input = body(request);
    const count = countOf(input.count);
    const kind = (input.kind ?? 'image') as UploadKind;
    if (!UPLOAD_KINDS.includes(kind))
      throw badRequest(`kind must be one of ${UPLOAD_KINDS.join(', ')}`);
    const tags = stringArray(input.tags, 'tags') ?? [];
    const collectionId = collectionRef(store, input.upload_collection) ?? null;
    const basename = optionalString(input.basename, 'basename');
    const size = input.size === undefined ? undefined : Number(input.size);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const upload = buildUpload(store, sim.random, {
        kind,
        tags,
        collectionId,
        ...(basename ? { basename: count > 1 ? `${basename}-${i + 1}` : basename } : {}),
        ...(size !== undefined && Number.isFinite(size) ? { size } : {}),
      });
      const creator = creatorFrom(input.creator);
      if (creator) upload.creator = creator;
      store.uploads.set(upload.id, upload);
      ids.push(upload.id);
    }
    store.touch();
    return { ids };
  });

  app.patch<{ Params: { id: string } }>('/__sim/uploads/:id', async (request) => {
    const { store } = adminEnvironment(sim, request);
    const upload = store.uploads.get(request.params.id);
    if (!upload) throw new SimError(404, 'NOT_FOUND', { id: request.params.id });
    const input = body(request);
    const tags = stringArray(input.tags, 'tags');
    if (tags) {
      upload.tags = [...new Set(tags)];
      tags.forEach((tag) => store.ensureTag(tag));
    }
    const collectionId = collectionRef(store, input.upload_collection);
    if (collectionId !== undefined) upload.collectionId = collectionId;
    const alt = optionalString(input.alt, 'alt');
    if (alt !== undefined) upload.alt = alt;
    upload.updatedAt = new Date().toISOString();
    store.touch();
    return { id: upload.id, tags: upload.tags, upload_collection: upload.collectionId };
  });

  app.post('/__sim/upload-collections', async (request) => {
    const { store } = adminEnvironment(sim, request);
    const input = body(request);
    const label = optionalString(input.label, 'label');
    if (!label) throw badRequest('label is required');
    const parentId = collectionRef(store, input.parent) ?? null;
    const id = optionalString(input.id, 'id') ?? `col-${store.collections.size + 1}-${Date.now()}`;
    if (store.collections.has(id)) throw badRequest(`collection ${id} already exists`);
    const siblings = [...store.collections.values()].filter((c) => c.parentId === parentId);
    const position =
      typeof input.position === 'number'
        ? input.position
        : Math.max(0, ...siblings.map((c) => c.position)) + 1;
    store.collections.set(id, { id, label, position, parentId });
    return { id };
  });

  app.post('/__sim/items', async (request) => {
    const { store } = adminEnvironment(sim, request);
    const input = body(request);
    const ref = optionalString(input.item_type, 'item_type');
    const itemType = ref ? store.findItemType(ref) : undefined;
    if (!itemType) throw badRequest('item_type must be an existing model id or api_key');
    const count = countOf(input.count);
    const status = statusOf(input.status);
    const attributes = (input.attributes ?? {}) as Record<string, unknown>;
    if (typeof attributes !== 'object' || Array.isArray(attributes)) {
      throw badRequest('attributes must be an object');
    }
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const defaults: Record<string, unknown> = {};
      // Required text fields get a value so new records are valid unless the caller says otherwise.
      for (const field of store.fieldsOf(itemType.id)) {
        if (field.required && ['string', 'text', 'slug'].includes(field.fieldType)) {
          defaults[field.apiKey] = `${itemType.name} ${store.items.size + 1}`;
        }
      }
      const item = buildItem(store, itemType.id, {
        attributes: withBlockIds(store, itemType.id, { ...defaults, ...attributes }),
        ...(status ? { status } : {}),
        ...(input.stage !== undefined
          ? { stage: optionalString(input.stage, 'stage') ?? null }
          : {}),
        locked: input.locked === true,
      });
      const creator = creatorFrom(input.creator);
      if (creator) item.creator = creator;
      store.items.set(item.id, item);
      ids.push(item.id);
    }
    store.itemsChanged(ids);
    return { ids };
  });

  app.patch<{ Params: { id: string } }>('/__sim/items/:id', async (request) => {
    const { store } = adminEnvironment(sim, request);
    const item = store.items.get(request.params.id);
    if (!item) throw new SimError(404, 'NOT_FOUND', { id: request.params.id });
    const input = body(request);
    if (input.attributes !== undefined) {
      if (typeof input.attributes !== 'object' || input.attributes === null) {
        throw badRequest('attributes must be an object');
      }
      // Replaced, never mutated: the published snapshot may share the old values.
      item.attributes = {
        ...item.attributes,
        ...withBlockIds(store, item.itemTypeId, input.attributes as Record<string, unknown>),
      };
      item.version++;
      if (item.status === 'published') item.status = 'updated';
    }
    const status = statusOf(input.status);
    if (status) applyStatus(item, status);
    if (input.stage !== undefined) item.stage = optionalString(input.stage, 'stage') ?? null;
    if (input.locked !== undefined) item.locked = input.locked === true;
    item.updatedAt = new Date().toISOString();
    store.itemsChanged([item.id]);
    return {
      id: item.id,
      status: item.status,
      stage: item.stage,
      locked: item.locked,
      is_valid: store.isValid(item),
    };
  });

  app.get<{ Params: { id: string; filename: string } }>(
    '/__sim/assets/:id/:filename',
    async (request, reply) => {
      // Asset URLs carry no environment: look the asset up everywhere (ids are shared by forks).
      const upload = sim.environments
        .list()
        .map((environment) => environment.store.uploads.get(request.params.id))
        .find((candidate) => candidate !== undefined);
      if (!upload) throw new SimError(404, 'NOT_FOUND', { id: request.params.id });
      return reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=3600')
        .send(placeholderSvg(upload));
    },
  );
}

/**
 * Admin seeding writes blocks as `{ item_type (id or api_key), attributes }`; they get `b…` ids
 * (recursively). Existing block values (with ids) are kept.
 */
function withBlockIds(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...attributes };
  const block = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const raw = value as { id?: unknown; item_type?: unknown; attributes?: unknown };
    if (typeof raw.item_type !== 'string') return value;
    const model = store.findItemType(raw.item_type);
    if (!model?.modularBlock) throw badRequest(`${raw.item_type} is not a block model`);
    return {
      id: typeof raw.id === 'string' ? raw.id : store.nextBlockId(),
      item_type: model.id,
      attributes: withBlockIds(store, model.id, (raw.attributes ?? {}) as Record<string, unknown>),
    };
  };
  const node = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const raw = value as { type?: string; item?: unknown; children?: unknown[] };
    return {
      ...raw,
      ...(raw.type === 'block' || raw.type === 'inlineBlock' ? { item: block(raw.item) } : {}),
      ...(Array.isArray(raw.children) ? { children: raw.children.map(node) } : {}),
    };
  };
  for (const field of store.fieldsOf(itemTypeId)) {
    if (!(field.apiKey in attributes)) continue;
    const one = (value: unknown): unknown => {
      if (field.fieldType === 'rich_text') return Array.isArray(value) ? value.map(block) : value;
      if (field.fieldType === 'single_block') return block(value);
      if (field.fieldType === 'structured_text') {
        const doc = value as { document?: unknown } | null;
        return doc?.document ? { ...doc, document: node(doc.document) } : value;
      }
      return value;
    };
    const value = attributes[field.apiKey];
    out[field.apiKey] =
      field.localized && value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([locale, entry]) => [locale, one(entry)]))
        : one(value);
  }
  return out;
}

/** Record ids a version links to, blocks included, in first-seen order. */
function linkedIds(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
): string[] {
  const ids = new Set<string>();
  walkContent(store, itemTypeId, attributes, { link: (id) => ids.add(id) });
  return [...ids];
}

function stateDump(sim: Simulator, environment: EnvironmentRec, include: string | undefined) {
  const parts = new Set(
    (include ?? 'uploads,items,upload_collections,tags').split(',').map((part) => part.trim()),
  );
  const { store } = environment;
  const jobs = sim.jobs.list().filter((job) => job.environment === environment.id);
  return {
    seed: sim.seed,
    randomSeed: sim.randomSeed,
    environment: environment.id,
    counts: {
      uploads: store.uploads.size,
      items: store.items.size,
      upload_collections: store.collections.size,
      tags: store.tags.size,
      jobs: {
        queued: jobs.filter((job) => job.state === 'queued').length,
        running: jobs.filter((job) => job.state === 'running').length,
        done: jobs.filter((job) => job.state === 'done').length,
      },
    },
    ...(parts.has('uploads')
      ? {
          uploads: [...store.uploads.values()].map((upload) => ({
            id: upload.id,
            filename: upload.filename,
            tags: upload.tags,
            upload_collection: upload.collectionId,
            notes: upload.notes,
            copyright: upload.copyright,
            author: upload.author,
            in_use: store.isInUse(upload.id),
            used_by: store.usedBy(upload.id),
            creator: upload.creator ?? OWNER,
          })),
        }
      : {}),
    ...(parts.has('items')
      ? {
          items: [...store.items.values()].map((item) => ({
            id: item.id,
            item_type: store.itemTypes.get(item.itemTypeId)?.apiKey ?? item.itemTypeId,
            status: item.status,
            stage: item.stage,
            is_valid: store.isValid(item),
            locked: item.locked,
            parent_id: (item.attributes.parent_id as string | null | undefined) ?? null,
            creator: item.creator ?? OWNER,
            links: linkedIds(store, item.itemTypeId, item.attributes),
            published_links: item.publishedAttributes
              ? linkedIds(store, item.itemTypeId, item.publishedAttributes)
              : null,
          })),
        }
      : {}),
    ...(parts.has('upload_collections')
      ? {
          upload_collections: store.orderedCollections().map((collection) => ({
            id: collection.id,
            label: collection.label,
            position: collection.position,
            parent: collection.parentId,
            children: store.childCollections(collection.id).map((child) => child.id),
          })),
        }
      : {}),
    ...(parts.has('tags') ? { tags: [...store.tags.keys()] } : {}),
  };
}
