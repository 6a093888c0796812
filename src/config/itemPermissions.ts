/**
 * Whether the role may act on one asset or record, from every attribute of its rules: action,
 * environment, model or workflow, the stage a record is in and the stage it moves to, its creator
 * (`on_creator`), the content it touches (`localization_scope` / `locale`), the asset's collection
 * and the collection it moves to (sub-collections inherit, per DatoCMS's "Permissions for Asset
 * Collections" update, March 2026). Effective permissions = positive − negative (Role docs).
 *
 * A rule whose scope cannot be decided from what is known (a creator's role that cannot be read)
 * makes the answer `unknown`: the item stays in the run and DatoCMS decides.
 */
import type { RequiredPermission } from '../actions/catalog';
import {
  actionMatches,
  environmentMatches,
  rulesFor,
  type PermissionRule,
  type RoleLike,
} from './permissions';

export type Creator = { readonly type: string; readonly id: string };

/** The content an action touches: its non-localized fields and/or some locales. */
export type ContentParts = { readonly nonLocalized: boolean; readonly locales: readonly string[] };

/** What is known of one item; leave a fact out when it is not known. */
export type PermissionSubject = {
  readonly itemTypeId?: string;
  readonly workflowId?: string | null;
  /** The record's current stage (null: none). */
  readonly stage?: string | null;
  /** Move to stage: the target. */
  readonly toStage?: string;
  /** Null: no creator recorded. */
  readonly creator?: Creator | null;
  /** Actions scoped by localization (update, publish): the content touched. Absent: all of it. */
  readonly content?: ContentParts;
  /** The asset's collection then its ancestors ([]: no collection). */
  readonly collectionPath?: readonly string[];
  /** Move to collection: the target then its ancestors ([]: the root). */
  readonly toCollectionPath?: readonly string[];
};

/** Who acts: the current user and role, and how to read another user's role. */
export type Actor = {
  readonly user?: Creator;
  readonly roleId?: string;
  /** The role of a record's or asset's creator, when it can be read. */
  readonly creatorRole?: (creator: Creator) => string | undefined;
};

type Tri = 'yes' | 'no' | 'maybe';
const and = (a: Tri, b: Tri): Tri =>
  a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
const or = (a: Tri, b: Tri): Tri =>
  a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';

/** A rule attribute against a fact: unset matches all, an unknown fact is "maybe", null is none. */
function equal(wanted: string | null | undefined, actual: string | null | undefined): Tri {
  if (!wanted) return 'yes';
  if (actual === undefined) return 'maybe';
  return wanted === actual ? 'yes' : 'no';
}

function inPath(wanted: string | null | undefined, path: readonly string[] | undefined): Tri {
  if (!wanted) return 'yes';
  if (path === undefined) return 'maybe';
  return path.includes(wanted) ? 'yes' : 'no';
}

const sameCreator = (a: Creator, b: Creator) => a.type === b.type && a.id === b.id;

function creatorMatches(rule: PermissionRule, subject: PermissionSubject, actor: Actor): Tri {
  const scope = rule.on_creator;
  if (!scope || scope === 'anyone') return 'yes';
  const creator = subject.creator;
  if (creator === undefined || !actor.user) return 'maybe';
  if (creator === null) return 'no';
  if (sameCreator(creator, actor.user)) return 'yes';
  if (scope === 'self') return 'no';
  const role = actor.creatorRole?.(creator);
  if (role === undefined || actor.roleId === undefined) return 'maybe';
  return role === actor.roleId ? 'yes' : 'no';
}

/** Every attribute but the localization scope. */
function scopeMatches(rule: PermissionRule, subject: PermissionSubject, actor: Actor): Tri {
  return [
    equal(rule.item_type, subject.itemTypeId),
    equal(rule.workflow, subject.workflowId),
    equal(rule.on_stage, subject.stage),
    equal(rule.to_stage, subject.toStage),
    inPath(rule.upload_collection, subject.collectionPath),
    inPath(rule.move_to_upload_collection, subject.toCollectionPath),
    creatorMatches(rule, subject, actor),
  ].reduce(and, 'yes');
}

/** A part of the content: '*' (all of it, unknown parts), 'non_localized' or 'locale:<code>'. */
type Part = string;

function partsOf(content: ContentParts | undefined): Part[] {
  if (!content) return ['*'];
  const parts = [
    ...(content.nonLocalized ? ['non_localized'] : []),
    ...content.locales.map((l) => `locale:${l}`),
  ];
  return parts.length > 0 ? parts : ['*'];
}

function covers(rule: PermissionRule, part: Part): boolean {
  const scope = rule.localization_scope;
  if (!scope || scope === 'all') return true;
  if (part === '*') return false;
  if (scope === 'not_localized') return part === 'non_localized';
  return part === `locale:${rule.locale ?? ''}`;
}

/** A negative rule takes away any part it names; on the whole record ('*') any scope counts. */
const overlaps = (rule: PermissionRule, part: Part) => part === '*' || covers(rule, part);

export type PermissionVerdict =
  | { readonly kind: 'allowed' }
  | {
      readonly kind: 'denied' | 'unknown';
      /** The negative rule that forbids it (when one does), or may (unknown). */
      readonly forbiddenBy?: PermissionRule;
      /** Otherwise: the role's positive rules for this action (none: it may not do it at all). */
      readonly grantedOnlyBy: readonly PermissionRule[];
      /** A part no rule covers ('locale:fr', 'non_localized', '*'). */
      readonly uncoveredPart?: string;
    };

export function checkItem(
  role: RoleLike | undefined,
  requires: Exclude<RequiredPermission, { kind: 'site' }>,
  environment: string,
  subject: PermissionSubject,
  actor: Actor = {},
): PermissionVerdict {
  const rules = rulesFor(role, requires.kind);
  const relevant = (r: PermissionRule) =>
    actionMatches(r, requires.action) && environmentMatches(r, environment);
  const positive = (rules?.positive ?? []).filter(relevant);
  const negative = (rules?.negative ?? []).filter(relevant);
  let result: Tri = 'yes';
  let forbiddenBy: PermissionRule | undefined;
  let maybeForbiddenBy: PermissionRule | undefined;
  let uncoveredPart: string | undefined;
  for (const part of partsOf(subject.content)) {
    const granted = positive
      .filter((r) => covers(r, part))
      .map((r) => scopeMatches(r, subject, actor))
      .reduce(or, 'no');
    let revoked: Tri = 'no';
    for (const r of negative.filter((n) => overlaps(n, part))) {
      const m = scopeMatches(r, subject, actor);
      if (m === 'yes') forbiddenBy = r;
      else if (m === 'maybe') maybeForbiddenBy ??= r;
      revoked = or(revoked, m);
    }
    if (granted === 'no' && !uncoveredPart) uncoveredPart = part;
    const here: Tri =
      revoked === 'yes' ? 'no' : and(granted, revoked === 'maybe' ? 'maybe' : 'yes');
    result = and(result, here);
  }
  if (result === 'yes') return { kind: 'allowed' };
  const by = result === 'no' ? forbiddenBy : (forbiddenBy ?? maybeForbiddenBy);
  return {
    kind: result === 'no' ? 'denied' : 'unknown',
    grantedOnlyBy: positive,
    ...(by ? { forbiddenBy: by } : {}),
    ...(uncoveredPart ? { uncoveredPart } : {}),
  };
}
