/**
 * The role's rules applied to each asset or record of a preview: builds what `checkItem` needs
 * from the entities (collection and its ancestors, creator, stage, the locales a record has
 * content in) and words the verdicts.
 */
import type { BulkActionId, RequiredPermission } from '../../actions/catalog';
import { findAction } from '../../actions/catalog';
import type { RawEntity } from '../../cma/fetchByIds';
import {
  checkItem,
  type Actor,
  type ContentParts,
  type Creator,
  type PermissionSubject,
} from '../../config/itemPermissions';
import { describeVerdict, type Names } from '../../config/permissionReasons';
import { rulesFor, type RoleLike } from '../../config/permissions';
import { creatorOf, type RecordPermission } from './recordChecks';
import { relId } from '../../cma/relationships';
import { flowPolicyFor } from '../../operations/flowPolicies';
import type { RecordModel } from './recordModel';

type EntityRequirement = Exclude<RequiredPermission, { kind: 'site' }>;

export function requirementOf(actionId: BulkActionId): EntityRequirement | null {
  const requires = findAction(actionId)?.requires;
  return requires && requires.kind !== 'site' ? requires : null;
}

/** Whether any rule for the action is scoped by creator role (then users' roles are read). */
export function needsCreatorRoles(role: RoleLike | undefined, actionId: BulkActionId): boolean {
  const requires = requirementOf(actionId);
  const rules = requires ? rulesFor(role, requires.kind) : null;
  return [...(rules?.positive ?? []), ...(rules?.negative ?? [])].some(
    (r) => r.on_creator === 'role',
  );
}

/** Whether any rule for the action is bound to a stage (then the stages' names are read). */
export function needsStages(role: RoleLike | undefined, actionId: BulkActionId): boolean {
  if (flowPolicyFor(actionId).movesBetweenStages) return true;
  const requires = requirementOf(actionId);
  const rules = requires ? rulesFor(role, requires.kind) : null;
  return [...(rules?.positive ?? []), ...(rules?.negative ?? [])].some(
    (r) => !!r.on_stage || !!r.to_stage,
  );
}

type UserLike = {
  id: string;
  type?: string;
  relationships?: { role?: { data?: { id?: string } | null } };
};

/** The acting user and role, and the roles of the project's users (for `on_creator: role`). */
export function actorFrom(
  currentUser: { id: string; type: string } | undefined,
  role: RoleLike | undefined,
  users: readonly UserLike[] = [],
): Actor {
  const roles = new Map(
    users.flatMap((u) => {
      const roleId = u.relationships?.role?.data?.id;
      return roleId ? [[`${u.type ?? 'user'}:${u.id}`, roleId] as const] : [];
    }),
  );
  return {
    ...(currentUser ? { user: { type: currentUser.type, id: currentUser.id } } : {}),
    ...(role?.id ? { roleId: role.id } : {}),
    creatorRole: (c: Creator) => roles.get(`${c.type}:${c.id}`),
  };
}

/** A collection and its ancestors, nearest first ([] for none). */
export function collectionPath(
  id: string | null,
  parents: ReadonlyMap<string, string | null>,
): string[] {
  const path: string[] = [];
  for (let c = id; c && !path.includes(c); c = parents.get(c) ?? null) path.push(c);
  return path;
}

function word(
  verdict: ReturnType<typeof checkItem>,
  verb: string,
  noun: string,
  names: Names,
): RecordPermission {
  return verdict.kind === 'allowed'
    ? verdict
    : { kind: verdict.kind, reason: describeVerdict(verdict, verb, noun, names) };
}

/** Assets: the role's rules for one asset of the run. */
export function uploadPermission(options: {
  readonly role: RoleLike | undefined;
  readonly actionId: BulkActionId;
  readonly environment: string;
  readonly actor: Actor;
  readonly parents: ReadonlyMap<string, string | null>;
  readonly collectionNames: ReadonlyMap<string, string>;
  /** Move to collection: the target ('' or null: the root). */
  readonly targetCollection?: string | null;
}): ((entity: RawEntity) => RecordPermission) | null {
  const requires = requirementOf(options.actionId);
  if (!requires || requires.kind !== 'upload') return null;
  const names: Names = (kind, id) =>
    kind === 'collection' ? options.collectionNames.get(id) : undefined;
  const verb = flowPolicyFor(options.actionId).permissionVerb ?? requires.action;
  // Tags are not localized: a rule limited to some locales does not cover them.
  const content: ContentParts | undefined =
    requires.action === 'update' ? { nonLocalized: true, locales: [] } : undefined;
  return (entity) => {
    const creator = creatorOf(entity);
    const subject: PermissionSubject = {
      collectionPath: collectionPath(relId(entity, 'upload_collection'), options.parents),
      ...(creator !== undefined ? { creator } : {}),
      ...(content ? { content } : {}),
      ...(options.targetCollection !== undefined
        ? { toCollectionPath: collectionPath(options.targetCollection || null, options.parents) }
        : {}),
    };
    return word(
      checkItem(options.role, requires, options.environment, subject, options.actor),
      verb,
      'assets',
      names,
    );
  };
}

/** The content a whole-record publish or unpublish touches: its locales with a value. */
export function contentOf(entity: RawEntity, model: RecordModel): ContentParts {
  const a = entity.attributes ?? {};
  const locales = new Set<string>();
  for (const f of model.fields) {
    if (!f.localized) continue;
    const v = a[f.apiKey];
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [locale, value] of Object.entries(v))
        if (value !== null && value !== undefined && value !== '') locales.add(locale);
  }
  return { nonLocalized: model.fields.some((f) => !f.localized), locales: [...locales] };
}

/** Records: the role's rules for one record of the run. */
export function recordPermission(options: {
  readonly role: RoleLike | undefined;
  readonly actionId: BulkActionId;
  readonly environment: string;
  readonly actor: Actor;
  readonly model: RecordModel;
  /** Publish and unpublish: the content of each record, when read. */
  readonly content?: ReadonlyMap<string, ContentParts>;
  /** Move to stage: the target. */
  readonly toStage?: string;
}):
  | ((fact: {
      id: string;
      stage: string | null;
      itemTypeId?: string;
      creator?: Creator | null;
    }) => RecordPermission)
  | null {
  const requires = requirementOf(options.actionId);
  if (!requires || requires.kind !== 'item') return null;
  const { model } = options;
  const stageName = new Map(model.stages.map((s) => [s.id, s.name]));
  const names: Names = (kind, id) =>
    kind === 'stage'
      ? stageName.get(id)
      : kind === 'model' && id === model.id
        ? model.name
        : undefined;
  const verb = flowPolicyFor(options.actionId).permissionVerb ?? requires.action;
  const localized = requires.action === 'publish';
  return (fact) => {
    const content = localized ? options.content?.get(fact.id) : undefined;
    const subject: PermissionSubject = {
      itemTypeId: fact.itemTypeId ?? model.id,
      workflowId: model.workflowId,
      stage: fact.stage,
      ...(fact.creator !== undefined ? { creator: fact.creator } : {}),
      ...(content ? { content } : {}),
      ...(options.toStage !== undefined ? { toStage: options.toStage } : {}),
    };
    const verdict = checkItem(options.role, requires, options.environment, subject, options.actor);
    const stageBound = (r: { on_stage?: string | null; to_stage?: string | null }) =>
      !!r.on_stage || !!r.to_stage;
    if (
      verdict.kind === 'denied' &&
      flowPolicyFor(options.actionId).movesBetweenStages &&
      (verdict.forbiddenBy
        ? stageBound(verdict.forbiddenBy)
        : verdict.grantedOnlyBy.some(stageBound))
    ) {
      const name = (s: string | null) => (s ? (stageName.get(s) ?? s) : 'no stage');
      return {
        kind: 'denied',
        reason: `Your role cannot move records from ${name(fact.stage)} to ${name(options.toStage ?? null)}.`,
      };
    }
    return word(verdict, verb, 'records', names);
  };
}
