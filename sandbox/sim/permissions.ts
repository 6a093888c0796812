/**
 * What a credential may do, read from its role's `meta.final_permissions` the way RawApiTypes
 * documents roles (the `Role` resource text and the `RoleItemTypePermission*` /
 * `RoleUploadPermission*` entry types) and agent-skills `access-control.md` describe them:
 * effective = positive − negative, per environment; every entry attribute restricts it:
 * `action` (`all` = every action), `environment` (required), `item_type` / `workflow`,
 * `on_stage`, `to_stage`, `on_creator` (`anyone`, `self`, `role`), `localization_scope` +
 * `locale`; on uploads `upload_collection` and, for `move`, `move_to_upload_collection`.
 * Written from those sources only; nothing here comes from the plugin.
 */
import type { Role } from './roles';
import type { CreatorRef } from './types';

type Rule = {
  action: string;
  environment?: string | null;
  item_type?: string | null;
  workflow?: string | null;
  on_stage?: string | null;
  to_stage?: string | null;
  on_creator?: 'anyone' | 'self' | 'role' | null;
  localization_scope?: 'all' | 'localized' | 'not_localized' | null;
  locale?: string | null;
  upload_collection?: string | null;
  move_to_upload_collection?: string | null;
};

/** The content a write touches: non-localized fields, or one locale of the localized ones. */
export type ContentScope = { kind: 'not_localized' } | { kind: 'localized'; locale: string };

/** Who is asking: the role, the identity records' `creator` is compared with, and how to tell
 * which role created a record (for `on_creator: 'role'`). */
export type Credential = {
  role: Role;
  identity: CreatorRef;
  roleOf(creator: CreatorRef): string | null;
};

export type RecordSubject = {
  itemTypeId: string;
  /** The record's model's workflow (for `workflow`-scoped rules). */
  workflowId: string | null;
  stage: string | null;
  creator: CreatorRef;
};

export type UploadSubject = { collectionId: string | null; creator: CreatorRef };

export type ItemAction =
  | 'read'
  | 'create'
  | 'update'
  | 'publish'
  | 'duplicate'
  | 'delete'
  | 'edit_creator'
  | 'take_over'
  | 'move_to_stage';

export type UploadAction =
  'read' | 'create' | 'update' | 'delete' | 'edit_creator' | 'replace_asset' | 'move';

function sameCreator(a: CreatorRef, b: CreatorRef): boolean {
  return a.type === b.type && a.id === b.id;
}

function creatorOk(rule: Rule, credential: Credential, creator: CreatorRef): boolean {
  switch (rule.on_creator ?? 'anyone') {
    case 'self':
      return sameCreator(creator, credential.identity);
    case 'role':
      // "records created by anyone with this role"
      return credential.roleOf(creator) === credential.role.id;
    default:
      return true;
  }
}

/** A rule covers a content scope when it is `all`-scoped or names exactly that scope. */
function scopeOk(rule: Rule, scope: ContentScope | null): boolean {
  const ruleScope = rule.localization_scope ?? 'all';
  if (scope === null || ruleScope === 'all') return true;
  if (ruleScope === 'not_localized') return scope.kind === 'not_localized';
  return scope.kind === 'localized' && rule.locale === scope.locale;
}

export type ItemCheck = {
  action: ItemAction;
  environment: string;
  subject: RecordSubject;
  /** A stage move: `on_stage` matches the stage left, `to_stage` the stage entered. */
  move?: { from: string | null; to: string };
  /** Content the action touches; every scope must be allowed (none for delete, stage moves…). */
  scopes?: ContentScope[];
};

function itemRuleMatches(
  rule: Rule,
  credential: Credential,
  check: ItemCheck,
  scope: ContentScope | null,
): boolean {
  const { subject } = check;
  return (
    (rule.action === 'all' || rule.action === check.action) &&
    rule.environment === check.environment &&
    (!rule.item_type || rule.item_type === subject.itemTypeId) &&
    (!rule.workflow || rule.workflow === subject.workflowId) &&
    (!rule.on_stage || rule.on_stage === (check.move ? check.move.from : subject.stage)) &&
    (!rule.to_stage || (check.move !== undefined && rule.to_stage === check.move.to)) &&
    creatorOk(rule, credential, subject.creator) &&
    scopeOk(rule, scope)
  );
}

function permissionsOf(credential: Credential) {
  return credential.role.meta.final_permissions as unknown as {
    positive_item_type_permissions: Rule[];
    negative_item_type_permissions: Rule[];
    positive_upload_permissions: Rule[];
    negative_upload_permissions: Rule[];
  };
}

/** Effective = positive − negative, for each scope the action touches. */
export function canOnRecord(credential: Credential, check: ItemCheck): boolean {
  const perms = permissionsOf(credential);
  const scopes: (ContentScope | null)[] = check.scopes?.length ? check.scopes : [null];
  return scopes.every(
    (scope) =>
      perms.positive_item_type_permissions.some((rule) =>
        itemRuleMatches(rule, credential, check, scope),
      ) &&
      !perms.negative_item_type_permissions.some((rule) =>
        itemRuleMatches(rule, credential, check, scope),
      ),
  );
}

/**
 * Whether some record could allow the action in this environment: a positive entry for it, not
 * cancelled by an unrestricted negative one. A bulk request failing this is refused as a whole.
 */
export function mayEverOnRecords(
  credential: Credential,
  action: ItemAction,
  environment: string,
): boolean {
  const perms = permissionsOf(credential);
  const applies = (rule: Rule) =>
    (rule.action === 'all' || rule.action === action) && rule.environment === environment;
  const unrestricted = (rule: Rule) =>
    !rule.item_type &&
    !rule.workflow &&
    !rule.on_stage &&
    !rule.to_stage &&
    (rule.on_creator ?? 'anyone') === 'anyone' &&
    (rule.localization_scope ?? 'all') === 'all';
  return (
    perms.positive_item_type_permissions.some(applies) &&
    !perms.negative_item_type_permissions.some((rule) => applies(rule) && unrestricted(rule))
  );
}

export type UploadCheck = {
  action: UploadAction;
  environment: string;
  subject: UploadSubject;
  /** For `move`: the collection the asset goes to (null = the root). */
  destination?: string | null;
  scopes?: ContentScope[];
};

function uploadRuleMatches(
  rule: Rule,
  credential: Credential,
  check: UploadCheck,
  scope: ContentScope | null,
): boolean {
  return (
    (rule.action === 'all' || rule.action === check.action) &&
    rule.environment === check.environment &&
    // "Restricts the permission to a specific upload collection": that collection only
    // (sub-collections are not included: unverified).
    (!rule.upload_collection || rule.upload_collection === check.subject.collectionId) &&
    (check.action !== 'move' ||
      !rule.move_to_upload_collection ||
      rule.move_to_upload_collection === check.destination) &&
    creatorOk(rule, credential, check.subject.creator) &&
    scopeOk(rule, scope)
  );
}

export function canOnUpload(credential: Credential, check: UploadCheck): boolean {
  const perms = permissionsOf(credential);
  const scopes: (ContentScope | null)[] = check.scopes?.length ? check.scopes : [null];
  return scopes.every(
    (scope) =>
      perms.positive_upload_permissions.some((rule) =>
        uploadRuleMatches(rule, credential, check, scope),
      ) &&
      !perms.negative_upload_permissions.some((rule) =>
        uploadRuleMatches(rule, credential, check, scope),
      ),
  );
}

export function mayEverOnUploads(
  credential: Credential,
  action: UploadAction,
  environment: string,
): boolean {
  const perms = permissionsOf(credential);
  const applies = (rule: Rule) =>
    (rule.action === 'all' || rule.action === action) && rule.environment === environment;
  const unrestricted = (rule: Rule) =>
    !rule.upload_collection &&
    !rule.move_to_upload_collection &&
    (rule.on_creator ?? 'anyone') === 'anyone' &&
    (rule.localization_scope ?? 'all') === 'all';
  return (
    perms.positive_upload_permissions.some(applies) &&
    !perms.negative_upload_permissions.some((rule) => applies(rule) && unrestricted(rule))
  );
}
