/**
 * What a record run depends on beyond each record itself, in plain TS: unpublished parents and
 * linked records (publish), published children (unpublish), child records (delete), what each
 * linking field does when a record it links to is deleted or unpublished (its strategy), the
 * stage a record moves from (move to stage), and the role's rules for each record. The preview
 * turns these into blocked rows with the reason, notes, side effects, and records the user may
 * add to the run.
 */
import type { RawEntity } from '../../cma/fetchByIds';
import type { Creator } from '../../config/itemPermissions';
import type { Prediction } from '../../operations/shared/types';
import { fieldName, type LinkField } from './linkFields';
import type { Reference } from './references';

export type RecordStatus = 'draft' | 'updated' | 'published' | null;

/** The little the checks need to know of a record. */
export type RecordFact = {
  readonly id: string;
  readonly name: string;
  /** The record's model. */
  readonly itemTypeId?: string;
  /** Who created it (null: not recorded; absent: not read). */
  readonly creator?: Creator | null;
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

/** An entity's creator (null: none recorded; undefined: the answer has no creator). */
export function creatorOf(entity: RawEntity): Creator | null | undefined {
  const rel = entity.relationships?.creator;
  if (!rel) return undefined;
  const data = rel.data as { type?: unknown; id?: unknown } | null;
  return data && typeof data.type === 'string' && typeof data.id === 'string'
    ? { type: data.type, id: data.id }
    : null;
}

export function recordFact(entity: RawEntity, linkFields: readonly string[] = []): RecordFact {
  const a = entity.attributes ?? {};
  const meta = entity.meta ?? {};
  const status = meta.status;
  const parent = a.parent_id;
  const itemTypeId = (entity.relationships?.item_type?.data as { id?: string } | null | undefined)
    ?.id;
  const creator = creatorOf(entity);
  return {
    id: entity.id,
    name: recordName(entity),
    ...(itemTypeId ? { itemTypeId } : {}),
    ...(creator !== undefined ? { creator } : {}),
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
  /** Delete and unpublish: the links to each record (and, for unpublish, to the records the
   * linking fields unpublish too), with the field each one sits in. */
  readonly references?: ReadonlyMap<string, readonly Reference[]>;
  /** Tree models: every record's children (read for unpublish and delete). */
  readonly children?: ReadonlyMap<string, readonly string[]>;
  /** Move to stage: the target stage and the stage names. */
  readonly stageId?: string;
  readonly stageNames?: ReadonlyMap<string, string>;
  /** The role's rules for one record (stage moves included); absent: not checked here. */
  readonly permission?: (fact: RecordFact) => RecordPermission;
  /** The inclusions the user switched on. */
  readonly include: ReadonlySet<InclusionKind>;
};

/** The role's rules for one record: allowed, denied, or up to DatoCMS (creator not known). */
export type RecordPermission =
  { readonly kind: 'allowed' } | { readonly kind: 'denied' | 'unknown'; readonly reason: string };

/** What DatoCMS does to other records because of the run (their fields' strategies). */
export type SideEffect = {
  readonly kind: 'unpublish' | 'remove_links';
  readonly field: LinkField;
  /** The records affected, in the order found. */
  readonly records: readonly string[];
  /** For each, the records of the run that cause it. */
  readonly causes: ReadonlyMap<string, readonly string[]>;
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
  /** Records outside the run that DatoCMS changes because of it. */
  readonly sideEffects: readonly SideEffect[];
};

/** “A” and “B”, or “A”, “B” and 3 more. */
export function quoteList(names: readonly string[], total: number, show = 2): string {
  const shown = names.slice(0, show).map((n) => `“${n}”`);
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

function checkPublish(input: RecordCheckInput): Omit<RecordCheckResult, 'sideEffects'> {
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

/** Side effects grouped by kind and field, each record once per group. */
class Effects {
  private readonly groups = new Map<
    string,
    { kind: SideEffect['kind']; field: LinkField; causes: Map<string, string[]> }
  >();
  add(kind: SideEffect['kind'], field: LinkField, record: string, cause: string) {
    const key = `${kind}:${field.id}`;
    const group = this.groups.get(key) ?? { kind, field, causes: new Map<string, string[]>() };
    this.groups.set(key, group);
    const causes = group.causes.get(record) ?? [];
    if (!causes.includes(cause)) causes.push(cause);
    group.causes.set(record, causes);
  }
  merge(other: Effects) {
    for (const e of other.list())
      for (const [record, causes] of e.causes)
        for (const c of causes) this.add(e.kind, e.field, record, c);
  }
  list(): SideEffect[] {
    return [...this.groups.values()].map((g) => ({
      kind: g.kind,
      field: g.field,
      records: [...g.causes.keys()],
      causes: g.causes,
    }));
  }
}

/** The side effects that still happen once `blocked` records are left out of the run. */
export function effectsWithout(
  effects: readonly SideEffect[],
  blocked: ReadonlySet<string>,
): SideEffect[] {
  return effects.flatMap((e) => {
    const causes = new Map(
      [...e.causes]
        .map(([r, c]) => [r, c.filter((id) => !blocked.has(id))] as const)
        .filter(([, c]) => c.length > 0),
    );
    return causes.size > 0 ? [{ ...e, records: [...causes.keys()], causes }] : [];
  });
}

/** Removing a link empties a required field: DatoCMS cannot apply `delete_references`. */
const emptiesRequired = (r: Reference, removed: ReadonlySet<string>) =>
  r.field.required && r.others.every((o) => removed.has(o));

const names = (ids: readonly string[], facts: ReadonlyMap<string, RecordFact>) =>
  quoteList(
    ids.map((id) => facts.get(id)?.name ?? id),
    ids.length,
  );

/**
 * What unpublishing `id` does through the live records linking to it, following `unpublish`
 * strategies to the records they take offline too (and their own linking records).
 */
function unpublishOutcome(
  id: string,
  input: RecordCheckInput,
  offline: ReadonlySet<string>,
  effects: Effects,
  visiting: Set<string>,
  cause: string,
  top = true,
): { blocked: string } | { notes: string[] } {
  visiting.add(id);
  const notes: string[] = [];
  const refs = (input.references?.get(id) ?? []).filter(
    (r) => !offline.has(r.referrer) && isLive(input.facts.get(r.referrer)),
  );
  const name = (r: string) => `“${input.facts.get(r)?.name ?? r}”`;
  const failing = refs.filter((r) => r.field.onUnpublish === 'fail');
  if (failing.length > 0) {
    const referrers = [...new Set(failing.map((r) => r.referrer))];
    const fields = [...new Set(failing.map((r) => `“${fieldName(r.field)}”`))];
    return {
      blocked: `${plural(referrers.length, 'published record', 'published records')} outside this selection ${referrers.length === 1 ? 'links' : 'link'} to ${top ? 'it' : name(id)} (${names(referrers, input.facts)}) in ${fields.join(' and ')}, which ${fields.length === 1 ? 'refuses' : 'refuse'} unpublishing linked records.`,
    };
  }
  for (const r of refs) {
    const field = `“${fieldName(r.field)}”`;
    if (r.field.onUnpublish === 'delete_references') {
      if (emptiesRequired(r, offline))
        return {
          blocked: `${name(r.referrer)} links to ${top ? 'it' : name(id)} in the required field ${field}: removing the link would leave it empty, so DatoCMS refuses.`,
        };
      effects.add('remove_links', r.field, r.referrer, cause);
      continue;
    }
    // `unpublish`: the linking record goes offline too, with what that entails in its turn.
    if (!visiting.has(r.referrer)) {
      const next = unpublishOutcome(r.referrer, input, offline, effects, visiting, cause, false);
      if ('blocked' in next)
        return {
          blocked: `${name(r.referrer)} would be unpublished with it (${field}), but cannot be: ${next.blocked}`,
        };
    }
    effects.add('unpublish', r.field, r.referrer, cause);
    notes.push(`${name(r.referrer)} is unpublished too (${field}).`);
  }
  return { notes };
}

function checkUnpublish(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts, include } = input;
  const children = input.children ?? new Map<string, readonly string[]>();
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const effects = new Effects();
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isLive(facts.get(id))) continue;
    // Live records outside the scope that link to it: what their fields do.
    const scoped = new Effects();
    const outcome = unpublishOutcome(id, input, inScope, scoped, new Set(), id);
    if ('blocked' in outcome) {
      overrides.set(id, { outcome: 'blocked', code: 'REFERENCED', reason: outcome.blocked });
      continue;
    }
    effects.merge(scoped);
    const removed = scoped.list().filter((e) => e.kind === 'remove_links');
    const linkNote = removed.length
      ? `Its links in ${names([...new Set(removed.flatMap((e) => e.records))], facts)} are removed.`
      : '';
    const note = [...outcome.notes, linkNote].filter(Boolean).join(' ');
    if (note) notes.set(id, note);
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
    notes,
    offered,
    runOrder: byDepth([...added, ...ids], facts, 'children-first'),
    sideEffects: effects.list(),
  };
}

function checkDestroy(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts } = input;
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const effects = new Effects();
  for (const id of ids) {
    // Links from records outside the scope (in either version): what their fields do.
    const outside = (input.references?.get(id) ?? []).filter((r) => !inScope.has(r.referrer));
    const failing = outside.filter((r) => r.field.onDelete === 'fail');
    const required = outside.filter(
      (r) => r.field.onDelete === 'delete_references' && emptiesRequired(r, inScope),
    );
    if (failing.length > 0 || required.length > 0) {
      const first = failing[0] ?? required[0]!;
      const referrers = [...new Set([...failing, ...required].map((r) => r.referrer))];
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: failing.length
          ? `Linked from ${plural(referrers.length, 'record', 'records')} outside this selection (${names(referrers, facts)}) in “${fieldName(first.field)}”, which refuses deleting linked records.`
          : `Linked from ${names(referrers, facts)} in the required field “${fieldName(first.field)}”: removing the link would leave it empty, so DatoCMS refuses.`,
      });
      continue;
    }
    const kids = (input.children?.get(id) ?? []).filter((c) => !inScope.has(c));
    if (kids.length > 0) {
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: `It has ${plural(kids.length, 'child record', 'child records')} outside this selection (${quoteList(
          kids.map((c) => facts.get(c)?.name ?? c),
          kids.length,
        )}).`,
      });
      continue;
    }
    const referrers = [...new Set(outside.map((r) => r.referrer))];
    for (const r of outside) effects.add('remove_links', r.field, r.referrer, id);
    if (referrers.length > 0) notes.set(id, `Its links in ${names(referrers, facts)} are removed.`);
  }
  // Children before parents, and a linked record after the records that link to it.
  return {
    overrides,
    notes,
    offered: [],
    runOrder: byDepth(ids, facts, 'children-first'),
    sideEffects: effects.list(),
  };
}

function checkMoveToStage(input: RecordCheckInput): RecordCheckResult {
  const names = input.stageNames ?? new Map<string, string>();
  const name = (stage: string | null) => (stage ? (names.get(stage) ?? stage) : 'no stage');
  const notes = new Map<string, string>();
  const to = input.stageId ?? '';
  for (const id of input.ids) {
    const fact = input.facts.get(id);
    if (!fact || fact.stage === to) continue;
    notes.set(id, `${name(fact.stage)} → ${name(to)}`);
  }
  return { overrides: new Map(), notes, offered: [], runOrder: [...input.ids], sideEffects: [] };
}

function checkAction(input: RecordCheckInput): RecordCheckResult {
  switch (input.actionId) {
    case 'items.publish':
      return { ...checkPublish(input), sideEffects: [] };
    case 'items.unpublish':
      return checkUnpublish(input);
    case 'items.destroy':
      return checkDestroy(input);
    case 'items.moveToStage':
      return checkMoveToStage(input);
    default:
      return {
        overrides: new Map(),
        notes: new Map(),
        offered: [],
        runOrder: [...input.ids],
        sideEffects: [],
      };
  }
}

export function checkRecords(input: RecordCheckInput): RecordCheckResult {
  const result = checkAction(input);
  if (!input.permission) return result;
  // The role's rules, per record: a denial comes before every other reason.
  const overrides = new Map(result.overrides);
  const notes = new Map(result.notes);
  const inRun = new Set(result.runOrder);
  for (const id of inRun) {
    const fact = input.facts.get(id);
    if (!fact) continue;
    const verdict = input.permission(fact);
    if (verdict.kind === 'denied')
      overrides.set(id, {
        outcome: 'blocked',
        code: 'INSUFFICIENT_PERMISSIONS',
        reason: verdict.reason,
      });
    else if (verdict.kind === 'unknown')
      notes.set(id, [notes.get(id), verdict.reason].filter(Boolean).join(' '));
  }
  return { ...result, overrides, notes };
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
