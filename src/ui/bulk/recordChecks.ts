/**
 * What a record run depends on beyond each record itself, in plain TS: unpublished parents and
 * linked records (publish), published children (unpublish), records that still link to them or
 * child records (delete), and the stage a record moves from (move to stage). The preview turns
 * these into blocked rows with the reason, notes, and records the user may add to the run.
 */
import type { RawEntity } from '../../cma/fetchByIds';
import type { Prediction } from '../../operations/types';

export type RecordStatus = 'draft' | 'updated' | 'published' | null;

/** The little the checks need to know of a record. */
export type RecordFact = {
  readonly id: string;
  readonly name: string;
  readonly status: RecordStatus;
  readonly stage: string | null;
  /** Tree models: the parent record. */
  readonly parentId: string | null;
  /** Records its link and links fields point at. */
  readonly links: readonly string[];
};

function firstText(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) return firstText(Object.values(v)[0]);
  return null;
}

function idsIn(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  // Localized fields: one value per locale.
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

/** A record's display name: its title or name (the first locale's when localized), else its id. */
export function recordName(entity: RawEntity): string {
  const a = entity.attributes ?? {};
  return firstText(a.title) ?? firstText(a.name) ?? entity.id;
}

export function recordFact(entity: RawEntity, linkFields: readonly string[] = []): RecordFact {
  const a = entity.attributes ?? {};
  const meta = entity.meta ?? {};
  const status = meta.status;
  const parent = a.parent_id;
  return {
    id: entity.id,
    name: recordName(entity),
    status: status === 'draft' || status === 'updated' || status === 'published' ? status : null,
    stage: typeof meta.stage === 'string' ? meta.stage : null,
    parentId: typeof parent === 'string' && parent !== '' ? parent : null,
    links: [...new Set(linkFields.flatMap((key) => idsIn(a[key])))],
  };
}

/** A record with a live version (published, or published with a newer draft). */
export const isLive = (f: RecordFact | undefined): boolean =>
  f?.status === 'published' || f?.status === 'updated';

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
  /** Delete: who links to each record (referrer ids). */
  readonly referrers?: ReadonlyMap<string, readonly string[]>;
  /** Tree models: every record's children (read for unpublish and delete). */
  readonly children?: ReadonlyMap<string, readonly string[]>;
  /** Move to stage: the target stage and the stage names. */
  readonly stageId?: string;
  readonly stageNames?: ReadonlyMap<string, string>;
  /** Move to stage: whether the role may move a record between two stages. */
  readonly canMove?: (from: string | null, to: string) => boolean;
  /** The inclusions the user switched on. */
  readonly include: ReadonlySet<InclusionKind>;
};

export type RecordCheckResult = {
  /** Predictions that replace the engine's for these ids. */
  readonly overrides: ReadonlyMap<string, Prediction>;
  /** A note on rows that will change (e.g. the stage they move from). */
  readonly notes: ReadonlyMap<string, string>;
  /** What may be added, whether or not it is switched on. */
  readonly offered: readonly Inclusion[];
  /** The run's ids in the order the API needs them: the inclusions switched on, then the scope. */
  readonly runOrder: readonly string[];
};

function quoteList(names: readonly string[], total: number): string {
  const shown = names.slice(0, 2).map((n) => `“${n}”`);
  const more = total - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(' and ');
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Depth in the tree, from the facts known (unknown parents count as roots). */
function depthOf(id: string, facts: ReadonlyMap<string, RecordFact>): number {
  let depth = 0;
  const seen = new Set<string>();
  let parent = facts.get(id)?.parentId ?? null;
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    depth++;
    parent = facts.get(parent)?.parentId ?? null;
  }
  return depth;
}

/** Stable sort by depth: parents first (publish) or children first (unpublish, delete). */
function byDepth(
  ids: readonly string[],
  facts: ReadonlyMap<string, RecordFact>,
  order: 'parents-first' | 'children-first',
): string[] {
  const depth = new Map(ids.map((id) => [id, depthOf(id, facts)]));
  const sign = order === 'parents-first' ? 1 : -1;
  return [...ids].sort((a, b) => sign * ((depth.get(a) ?? 0) - (depth.get(b) ?? 0)));
}

function descendantsOf(id: string, children: ReadonlyMap<string, readonly string[]>): string[] {
  // Breadth first; the list is its own queue (no shift(), which is linear per step).
  const out: string[] = [];
  const seen = new Set<string>();
  for (let next: string | undefined = id, n = 0; next !== undefined; next = out[n++])
    for (const child of children.get(next) ?? [])
      if (!seen.has(child)) {
        seen.add(child);
        out.push(child);
      }
  return out;
}

function checkPublish(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts, include } = input;
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const parents: string[] = [];
  const links: string[] = [];
  const seenParent = new Set<string>();
  const seenLink = new Set<string>();
  for (const id of ids) {
    const fact = facts.get(id);
    if (!fact || fact.status === 'published') continue;
    // Unpublished ancestors outside the scope: the API refuses the record (UNPUBLISHED_PARENT).
    const chain: RecordFact[] = [];
    let parentId = fact.parentId;
    while (parentId && !inScope.has(parentId) && !seenParent.has(parentId)) {
      const parent = facts.get(parentId);
      if (!parent || isLive(parent)) break;
      chain.push(parent);
      parentId = parent.parentId;
    }
    for (const p of chain) {
      seenParent.add(p.id);
      parents.push(p.id);
    }
    const blockedBy =
      fact.parentId && !inScope.has(fact.parentId) ? facts.get(fact.parentId) : null;
    if (blockedBy && !isLive(blockedBy) && !include.has('parents'))
      overrides.set(id, {
        outcome: 'blocked',
        code: 'UNPUBLISHED_PARENT',
        reason: `Its parent “${blockedBy.name}” is not published: add the unpublished parents to the run, or publish them first.`,
      });
    const draftLinks = fact.links.filter(
      (l) => !inScope.has(l) && facts.has(l) && !isLive(facts.get(l)),
    );
    for (const l of draftLinks)
      if (!seenLink.has(l)) {
        seenLink.add(l);
        links.push(l);
      }
    if (draftLinks.length > 0 && !include.has('links'))
      notes.set(
        id,
        `Links to ${plural(draftLinks.length, 'record', 'records')} that ${draftLinks.length === 1 ? 'is' : 'are'} not published (${quoteList(
          draftLinks.map((l) => facts.get(l)?.name ?? l),
          draftLinks.length,
        )}).`,
      );
  }
  const offered: Inclusion[] = [];
  if (parents.length > 0)
    offered.push({
      kind: 'parents',
      ids: byDepth(parents, facts, 'parents-first'),
      label: `Also publish the ${plural(parents.length, 'unpublished parent record', 'unpublished parent records')} (published first, so their children can follow)`,
    });
  const extraLinks = links.filter((l) => !seenParent.has(l));
  // A linked record in a tree model needs its own unpublished ancestors, or the API refuses it
  // (UNPUBLISHED_PARENT): they come with the linked records.
  const linkSet = new Set(extraLinks);
  const linkParents: string[] = [];
  for (const l of extraLinks) {
    let parentId = facts.get(l)?.parentId ?? null;
    while (parentId && !inScope.has(parentId) && !linkSet.has(parentId)) {
      const parent = facts.get(parentId);
      if (!parent || isLive(parent)) break;
      linkSet.add(parentId);
      linkParents.push(parentId);
      parentId = parent.parentId;
    }
  }
  if (extraLinks.length > 0)
    offered.push({
      kind: 'links',
      ids: byDepth([...linkParents, ...extraLinks], facts, 'parents-first'),
      label:
        `Also publish the ${plural(extraLinks.length, 'linked record', 'linked records')} that ${extraLinks.length === 1 ? 'is' : 'are'} not published` +
        (linkParents.length > 0
          ? `, with their ${plural(linkParents.length, 'unpublished parent record', 'unpublished parent records')}`
          : ''),
    });
  // A parent can be offered twice (by a scope record and by a linked record): sent once.
  const added = [...new Set(offered.filter((o) => include.has(o.kind)).flatMap((o) => o.ids))];
  return {
    overrides,
    notes,
    offered,
    runOrder: [...byDepth(added, facts, 'parents-first'), ...byDepth(ids, facts, 'parents-first')],
  };
}

function checkUnpublish(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts, include } = input;
  const children = input.children ?? new Map<string, readonly string[]>();
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isLive(facts.get(id))) continue;
    // Published records outside the scope still link to it: the API refuses it
    // (PUBLISHED_REFERENCES), and adding them would take more offline than asked.
    const linking = (input.referrers?.get(id) ?? []).filter(
      (r) => !inScope.has(r) && isLive(facts.get(r)),
    );
    if (linking.length > 0) {
      overrides.set(id, {
        outcome: 'blocked',
        code: 'PUBLISHED_REFERENCES',
        reason: `Published records outside this selection link to it (${quoteList(
          linking.map((r) => facts.get(r)?.name ?? r),
          linking.length,
        )}).`,
      });
      continue;
    }
    // Published descendants outside the scope: the API refuses the record (PUBLISHED_CHILDREN).
    const live = descendantsOf(id, children).filter((d) => !inScope.has(d) && isLive(facts.get(d)));
    if (live.length === 0) continue;
    for (const d of live)
      if (!seen.has(d)) {
        seen.add(d);
        extra.push(d);
      }
    if (!include.has('children'))
      overrides.set(id, {
        outcome: 'blocked',
        code: 'PUBLISHED_CHILDREN',
        reason: `It has ${plural(live.length, 'published child record', 'published child records')} outside this selection (${quoteList(
          live.map((d) => facts.get(d)?.name ?? d),
          live.length,
        )}).`,
      });
  }
  const offered: Inclusion[] =
    extra.length > 0
      ? [
          {
            kind: 'children',
            ids: byDepth(extra, facts, 'children-first'),
            label: `Also unpublish their ${plural(extra.length, 'published child record', 'published child records')} (unpublished first)`,
          },
        ]
      : [];
  const added = include.has('children') ? extra : [];
  return {
    overrides,
    notes: new Map(),
    offered,
    runOrder: byDepth([...added, ...ids], facts, 'children-first'),
  };
}

function checkDestroy(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts } = input;
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  for (const id of ids) {
    const outside = (input.referrers?.get(id) ?? []).filter((r) => !inScope.has(r));
    if (outside.length > 0) {
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: `Still linked from ${plural(outside.length, 'record', 'records')} outside this selection (${quoteList(
          outside.map((r) => facts.get(r)?.name ?? r),
          outside.length,
        )}).`,
      });
      continue;
    }
    const kids = (input.children?.get(id) ?? []).filter((c) => !inScope.has(c));
    if (kids.length > 0)
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: `It has ${plural(kids.length, 'child record', 'child records')} outside this selection (${quoteList(
          kids.map((c) => facts.get(c)?.name ?? c),
          kids.length,
        )}).`,
      });
  }
  // Children before parents, and a linked record after the records that link to it.
  return {
    overrides,
    notes: new Map(),
    offered: [],
    runOrder: byDepth(ids, facts, 'children-first'),
  };
}

function checkMoveToStage(input: RecordCheckInput): RecordCheckResult {
  const names = input.stageNames ?? new Map<string, string>();
  const name = (stage: string | null) => (stage ? (names.get(stage) ?? stage) : 'no stage');
  const notes = new Map<string, string>();
  const overrides = new Map<string, Prediction>();
  const to = input.stageId ?? '';
  for (const id of input.ids) {
    const fact = input.facts.get(id);
    if (!fact || fact.stage === to) continue;
    if (input.canMove && !input.canMove(fact.stage, to))
      overrides.set(id, {
        outcome: 'blocked',
        code: 'INSUFFICIENT_PERMISSIONS',
        reason: `Your role cannot move records from ${name(fact.stage)} to ${name(to)}.`,
      });
    else notes.set(id, `${name(fact.stage)} → ${name(to)}`);
  }
  return { overrides, notes, offered: [], runOrder: [...input.ids] };
}

export function checkRecords(input: RecordCheckInput): RecordCheckResult {
  switch (input.actionId) {
    case 'items.publish':
      return checkPublish(input);
    case 'items.unpublish':
      return checkUnpublish(input);
    case 'items.destroy':
      return checkDestroy(input);
    case 'items.moveToStage':
      return checkMoveToStage(input);
    default:
      return { overrides: new Map(), notes: new Map(), offered: [], runOrder: [...input.ids] };
  }
}

/** Children per record, from every record of a tree model. */
export function childrenIndex(facts: Iterable<RecordFact>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of facts) {
    if (!f.parentId) continue;
    const siblings = out.get(f.parentId);
    if (siblings) siblings.push(f.id);
    else out.set(f.parentId, [f.id]);
  }
  return out;
}
