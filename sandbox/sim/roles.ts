/**
 * Demo API tokens and their DatoCMS roles. The host page hands the same role object to the plugin
 * as `ctx.currentRole`, and `roleAllows` below is what the simulator enforces, so what the plugin
 * reads and what the server does cannot drift apart.
 */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import { PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT, type EnvironmentRec } from './environments';

export type Role = RawApiTypes.Role;
type FinalPermissions = Role['meta']['final_permissions'];
type ItemTypeRule = FinalPermissions['positive_item_type_permissions'][number];
type UploadRule = FinalPermissions['positive_upload_permissions'][number];

export type ItemAction = 'read' | 'create' | 'update' | 'publish' | 'delete' | 'move_to_stage';
export type UploadAction = 'read' | 'create' | 'update' | 'delete' | 'replace_asset';

export const ADMIN_TOKEN = 'sim-admin-token';
export const EDITOR_TOKEN = 'sim-editor-token';
export const REVIEWER_TOKEN = 'sim-reviewer-token';
/** Rule entries are scoped to one environment each (RawApiTypes `Role`): demo roles cover both. */
const DEMO_ENVIRONMENTS = [PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT];

const SITE_FLAGS = [
  'can_edit_favicon',
  'can_edit_site',
  'can_edit_schema',
  'can_manage_menu',
  'can_edit_environment',
  'can_promote_environments',
  'can_manage_users',
  'can_manage_shared_filters',
  'can_manage_upload_collections',
  'can_manage_build_triggers',
  'can_manage_search_indexes',
  'can_manage_webhooks',
  'can_manage_environments',
  'can_manage_sso',
  'can_access_audit_log',
  'can_manage_workflows',
  'can_manage_access_tokens',
  'can_perform_site_search',
  'can_access_build_events_log',
  'can_access_search_index_events_log',
] as const;

type SiteFlag = (typeof SITE_FLAGS)[number];

function itemRule(action: ItemTypeRule['action'], environment: string): ItemTypeRule {
  return {
    item_type: null,
    workflow: null,
    on_stage: null,
    to_stage: null,
    environment,
    action,
    on_creator: 'anyone',
    localization_scope: 'all',
  } as ItemTypeRule;
}

function uploadRule(action: UploadRule['action'], environment: string): UploadRule {
  return {
    upload_collection: null,
    environment,
    action,
    on_creator: 'anyone',
    localization_scope: 'all',
  } as UploadRule;
}

/** The same entries once per demo environment. */
function everywhere<T>(build: (environment: string) => T[]): T[] {
  return DEMO_ENVIRONMENTS.flatMap(build);
}

function buildRole(
  id: string,
  name: string,
  flags: Partial<Record<SiteFlag, boolean>>,
  rules: Pick<
    FinalPermissions,
    | 'positive_item_type_permissions'
    | 'negative_item_type_permissions'
    | 'positive_upload_permissions'
    | 'negative_upload_permissions'
  >,
): Role {
  const siteFlags = Object.fromEntries(SITE_FLAGS.map((flag) => [flag, flags[flag] ?? false])) as {
    [K in SiteFlag]: boolean;
  };
  const permissions = {
    ...siteFlags,
    environments_access: 'all' as const,
    ...rules,
    positive_build_trigger_permissions: [],
    negative_build_trigger_permissions: [],
    positive_search_index_permissions: [],
    negative_search_index_permissions: [],
  };
  return {
    id,
    type: 'role',
    attributes: { name, ...permissions },
    relationships: { inherits_permissions_from: { data: [] } },
    meta: { final_permissions: permissions },
  };
}

export function adminRole(): Role {
  const allFlags = Object.fromEntries(SITE_FLAGS.map((flag) => [flag, true]));
  return buildRole('role-admin', 'Admin', allFlags, {
    positive_item_type_permissions: everywhere((env) => [itemRule('all', env)]),
    negative_item_type_permissions: [],
    positive_upload_permissions: everywhere((env) => [uploadRule('all', env)]),
    negative_upload_permissions: [],
  });
}

/** Edits records and assets; cannot publish, delete, manage collections or edit the schema. */
export function editorRole(): Role {
  return buildRole(
    'role-editor',
    'Editor',
    { can_perform_site_search: true, can_manage_shared_filters: true },
    {
      // DatoCMS's usual shape: a broad positive rule with the forbidden actions subtracted.
      positive_item_type_permissions: everywhere((env) => [itemRule('all', env)]),
      negative_item_type_permissions: everywhere((env) => [
        itemRule('publish', env),
        itemRule('delete', env),
      ]),
      positive_upload_permissions: everywhere((env) => [uploadRule('all', env)]),
      negative_upload_permissions: everywhere((env) => [uploadRule('delete', env)]),
    },
  );
}

/**
 * Reviews the editorial workflow: reads and edits records, and moves them out of "In review" only
 * (to Approved, or back to Drafting); no publish, no delete, assets read-only.
 */
export function reviewerRole(): Role {
  const stageMove = (to: string, env: string) =>
    ({ ...itemRule('move_to_stage', env), on_stage: 'in_review', to_stage: to }) as ItemTypeRule;
  return buildRole(
    'role-reviewer',
    'Reviewer',
    { can_perform_site_search: true },
    {
      positive_item_type_permissions: everywhere((env) => [
        itemRule('read', env),
        itemRule('update', env),
        stageMove('approved', env),
        stageMove('drafting', env),
      ]),
      negative_item_type_permissions: [],
      positive_upload_permissions: everywhere((env) => [uploadRule('read', env)]),
      negative_upload_permissions: [],
    },
  );
}

type AnyRule = {
  action: string;
  environment?: string | null;
  item_type?: string | null;
  on_stage?: string | null;
  to_stage?: string | null;
};

/** A stage move: the stage a record is in and the one it goes to. */
export type StageMove = { readonly from: string | null; readonly to: string };

function matches(
  rule: AnyRule,
  action: string,
  environment: string,
  itemTypeId: string | undefined,
  move?: StageMove,
): boolean {
  const actionOk = rule.action === 'all' || rule.action === action;
  // Each entry is scoped to one environment (`environment` is required in RawApiTypes).
  const envOk = rule.environment === environment;
  const typeOk = !rule.item_type || itemTypeId === undefined || rule.item_type === itemTypeId;
  // A rule bound to stages covers only moves out of `on_stage` and into `to_stage`.
  const stageOk =
    !move ||
    ((!rule.on_stage || rule.on_stage === move.from) &&
      (!rule.to_stage || rule.to_stage === move.to));
  return actionOk && envOk && typeOk && stageOk;
}

function allowed(
  positive: readonly AnyRule[],
  negative: readonly AnyRule[],
  action: string,
  environment: string,
  itemTypeId?: string,
  move?: StageMove,
): boolean {
  // Negative rules win; a rule without item_type covers every model.
  return (
    positive.some((rule) => matches(rule, action, environment, itemTypeId, move)) &&
    !negative.some((rule) => matches(rule, action, environment, itemTypeId, move))
  );
}

export function canOnItems(
  role: Role,
  action: ItemAction,
  environment: string,
  itemTypeId: string,
  move?: StageMove,
): boolean {
  const perms = role.meta.final_permissions;
  return allowed(
    perms.positive_item_type_permissions as AnyRule[],
    perms.negative_item_type_permissions as AnyRule[],
    action,
    environment,
    itemTypeId,
    move,
  );
}

export function canOnUploads(role: Role, action: UploadAction, environment: string): boolean {
  const perms = role.meta.final_permissions;
  return allowed(
    perms.positive_upload_permissions as AnyRule[],
    perms.negative_upload_permissions as AnyRule[],
    action,
    environment,
  );
}

/** `environments_access`: which environments the credential can enter at all (RawApiTypes Role). */
export function canEnterEnvironment(role: Role, environment: EnvironmentRec): boolean {
  switch (role.meta.final_permissions.environments_access) {
    case 'primary_only':
      return environment.primary;
    case 'sandbox_only':
      return !environment.primary;
    case 'none':
      return false;
    default:
      return true;
  }
}

export function hasFlag(role: Role, flag: SiteFlag): boolean {
  return role.meta.final_permissions[flag] === true;
}

export type TokenEntry = { token: string; role: Role };

export function demoTokens(): TokenEntry[] {
  return [
    { token: ADMIN_TOKEN, role: adminRole() },
    { token: EDITOR_TOKEN, role: editorRole() },
    { token: REVIEWER_TOKEN, role: reviewerRole() },
  ];
}
