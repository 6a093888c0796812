/**
 * Which records link to a set of records, through which field, for the delete and unpublish
 * previews. Links can sit in a model's own link fields, in structured text, or in the link fields
 * of blocks (at any depth) inside modular-content, single-block and structured-text fields.
 *
 * Two plans, whichever sends fewer requests (both start with the two schema reads below):
 * - **filters**: `GET /items` filtered on each direct link field (`filter[fields][f][in|any_in]`,
 *   200 ids per request, current and published versions, per locale for localized fields; never
 *   on block models, where model-specific filters are refused), plus, for links the filters
 *   cannot reach (block fields, structured text), a scan of the records of the models that can
 *   hold them (`nested=true`, 30 per page, both versions);
 * - **per record**: `GET /items/:id/references` (nested) for each target, once with
 *   `version=current` and once with `version=published`: RawApiTypes describes
 *   `published-or-current` as "both", but it also reads as "the published version, else the
 *   current one", which would hide a link only in a newer draft; two asks work either way.
 * Schema reads: `GET /item-types/:id/fields/referencing` per target model and `GET /item-types`;
 * the filters plan also walks block models up to the models that embed them (one
 * `fields/referencing` per block model) and counts each such model's records (one request).
 */
import type { RawEntity } from '../../cma/fetchByIds';
import { IDS_PER_LOOKUP } from '../../cma/fetchByIds';
import type { ListQuery } from '../../cma/reads/listReads';
import { NESTED_PAGE_LIMIT } from '../../cma/reads/listReads';
import {
  fieldName,
  parseLinkField,
  type LinkField,
} from '../../operations/shared/records/linkFields';
import type { Reference } from '../../operations/shared/records/reference';
import { relId } from '../../cma/relationships';
import { scanRecord } from './referenceScan';

export type ReferenceSource = {
  referencingFields(itemTypeId: string): Promise<RawEntity[]>;
  itemTypes(): Promise<RawEntity[]>;
  /** Every record matching (all pages). */
  listItems(q: ListQuery): Promise<RawEntity[]>;
  countItems(q: ListQuery): Promise<number>;
  /** The records whose given version links to a record, with their blocks nested. */
  references(itemId: string, version: 'current' | 'published'): Promise<RawEntity[]>;
};

export type ReferencePlan = 'filters' | 'per-record' | 'none';

export type ReferencesFound = {
  /** By target id; a referrer linking twice through one field value counts once. */
  readonly references: ReadonlyMap<string, readonly Reference[]>;
  /** Every referrer read, by id (its current version when both were read). */
  readonly referrers: ReadonlyMap<string, RawEntity>;
  readonly plan: ReferencePlan;
  /** Requests sent, schema reads included. */
  readonly requests: number;
};

/** One field standing for several: the strictest strategies, every name. */
function strictest(fields: readonly LinkField[]): LinkField {
  if (fields.length === 1) return fields[0]!;
  const rank = { fail: 0, unpublish: 1, delete_references: 2 } as const;
  const first = fields[0]!;
  return {
    ...first,
    id: fields.map((f) => f.id).join('+'),
    label: fields.map(fieldName).join(' or '),
    ownerName: '',
    required: fields.some((f) => f.required),
    onDelete: fields.some((f) => f.onDelete === 'fail') ? 'fail' : 'delete_references',
    onUnpublish: [...fields].sort((a, b) => rank[a.onUnpublish] - rank[b.onUnpublish])[0]!
      .onUnpublish,
  };
}

/** Counts the requests a source sends. */
function counting(source: ReferenceSource): { source: ReferenceSource; count: () => number } {
  let n = 0;
  const tick = <T>(p: Promise<T>) => {
    n++;
    return p;
  };
  return {
    count: () => n,
    source: {
      referencingFields: (id) => tick(source.referencingFields(id)),
      itemTypes: () => tick(source.itemTypes()),
      // A list read costs one request per page; the estimate below counts them the same way.
      listItems: async (q) => {
        const all = await source.listItems(q);
        n += Math.max(1, Math.ceil(all.length / (q.nested ? NESTED_PAGE_LIMIT : 500)));
        return all;
      },
      countItems: (q) => tick(source.countItems(q)),
      references: (id, version) => tick(source.references(id, version)),
    },
  };
}

export async function findReferences(
  raw: ReferenceSource,
  /** Target ids, grouped by their model. */
  targetsByModel: ReadonlyMap<string, readonly string[]>,
  options: {
    /** The environment's locales (localized link fields are filtered per locale). */
    readonly locales: readonly string[];
    readonly plan?: 'auto' | 'filters' | 'per-record';
  },
): Promise<ReferencesFound> {
  const { source, count } = counting(raw);
  const targets = new Set([...targetsByModel.values()].flat());
  const fieldsRaw = (
    await Promise.all([...targetsByModel.keys()].map((m) => source.referencingFields(m)))
  ).flat();
  const empty: ReferencesFound = {
    references: new Map(),
    referrers: new Map(),
    plan: 'none',
    requests: count(),
  };
  if (fieldsRaw.length === 0 || targets.size === 0) return empty;
  const itemTypes = new Map((await source.itemTypes()).map((t) => [t.id, t]));
  const fields = new Map<string, LinkField>();
  for (const f of fieldsRaw) {
    const lf = parseLinkField(f, itemTypes.get(relId(f, 'item_type') ?? ''));
    if (lf) fields.set(`${lf.ownerId}:${lf.apiKey}`, lf);
  }
  if (fields.size === 0) return { ...empty, requests: count() };
  const direct = [...fields.values()].filter(
    (f) => !f.ownerIsBlock && f.type !== 'structured_text',
  );
  const indirect = [...fields.values()].filter(
    (f) => f.ownerIsBlock || f.type === 'structured_text',
  );
  const batches = Math.ceil(targets.size / IDS_PER_LOOKUP);
  const filterReads = direct.reduce(
    (n, f) => n + 2 * batches * (f.localized ? Math.max(1, options.locales.length) : 1),
    0,
  );

  const out = new Map<string, Reference[]>();
  const referrers = new Map<string, RawEntity>();
  const add = (entity: RawEntity, refs: Reference[], version: 'current' | 'published') => {
    if (refs.length === 0) return;
    if (version === 'current' || !referrers.has(entity.id)) referrers.set(entity.id, entity);
    for (const r of refs) {
      const list = out.get(r.target) ?? [];
      if (!list.some((x) => x.referrer === r.referrer && x.field.id === r.field.id)) list.push(r);
      out.set(r.target, list);
    }
  };
  const modelOf = new Map(
    [...targetsByModel].flatMap(([model, ids]) => ids.map((id) => [id, model] as const)),
  );
  const perRecord = async () => {
    for (const target of targets)
      for (const version of ['current', 'published'] as const)
        for (const e of await source.references(target, version)) {
          const found = scanRecord(e, fields, new Set([target]));
          // The link is only in a version the answer does not show: the field is not known, so
          // the strictest of the fields that can hold it stands for it.
          const candidates = [...fields.values()].filter((f) =>
            f.targets.includes(modelOf.get(target) ?? ''),
          );
          if (found.length === 0 && candidates.length > 0)
            found.push({ referrer: e.id, target, field: strictest(candidates), others: [] });
          add(e, found, version);
        }
    return { references: out, referrers, plan: 'per-record' as const, requests: count() };
  };

  // Cheap enough already: no need to plan the filters.
  const perRecordReads = 2 * targets.size;
  // Indirect links cost at least a walk-up, a count and a scan of both versions.
  const minimumFilters = filterReads + (indirect.length > 0 ? 4 : 0);
  if (
    options.plan === 'per-record' ||
    (options.plan !== 'filters' && perRecordReads <= minimumFilters)
  )
    return perRecord();

  // The regular models whose records can hold the indirect links (walking blocks upwards).
  const containers = new Set<string>();
  const walked = new Set<string>();
  let unreachable = false;
  const walkUp = async (blockId: string): Promise<void> => {
    if (walked.has(blockId)) return;
    walked.add(blockId);
    const embedding = await source.referencingFields(blockId);
    if (embedding.length === 0) unreachable = true;
    for (const f of embedding) {
      const owner = relId(f, 'item_type');
      if (!owner) continue;
      if (itemTypes.get(owner)?.attributes?.modular_block === true) await walkUp(owner);
      else containers.add(owner);
    }
  };
  for (const f of indirect) {
    if (f.ownerIsBlock) await walkUp(f.ownerId);
    else containers.add(f.ownerId);
  }
  const sizes = new Map<string, number>();
  for (const c of containers) sizes.set(c, await source.countItems({ filter: { type: c } }));
  const scanReads = [...sizes.values()].reduce(
    (n, size) => n + 2 * Math.max(1, Math.ceil(size / NESTED_PAGE_LIMIT)),
    0,
  );
  // Blocks nothing embeds (as far as the schema reads tell) can only be found per record.
  if (options.plan !== 'filters' && (unreachable || perRecordReads <= filterReads + scanReads))
    return perRecord();

  const ids = [...targets];
  const versions = ['current', 'published'] as const;
  for (const f of direct)
    for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
      const batch = ids.slice(i, i + IDS_PER_LOOKUP);
      const condition = { [f.type === 'links' ? 'any_in' : 'in']: batch };
      const locales = f.localized && options.locales.length > 0 ? options.locales : [undefined];
      for (const version of versions)
        for (const locale of locales) {
          const q: ListQuery = {
            filter: { type: f.ownerId, fields: { [f.apiKey]: condition } },
            version,
            ...(locale ? { locale } : {}),
          };
          for (const e of await source.listItems(q))
            add(e, scanRecord(e, fields, new Set(batch)), version);
        }
    }
  for (const c of containers)
    for (const version of versions)
      for (const e of await source.listItems({ filter: { type: c }, version, nested: true }))
        add(e, scanRecord(e, fields, targets), version);
  return { references: out, referrers, plan: 'filters', requests: count() };
}
