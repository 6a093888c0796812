/**
 * Demo API tokens, the users they stand for, and their DatoCMS roles (RawApiTypes `Role`). The
 * host page hands a role to the plugin as `ctx.currentRole`; what the simulator enforces is read
 * from the same `meta.final_permissions` by permissions.ts, on its own reading of the role schema.
 */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import { PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT, type EnvironmentRec } from './environments';
import type { CreatorRef } from './types';

export type Role = RawApiTypes.Role;
type FinalPermissions = Role['meta']['final_permissions'];
type ItemTypeRule = FinalPermissions['positive_item_type_permissions'][number];
type UploadRule = FinalPermissions['positive_upload_permissions'][number];

export const ADMIN_TOKEN = 'sim-admin-token';
export const EDITOR_TOKEN = 'sim-editor-token';
export const REVIEWER_TOKEN = 'sim-reviewer-token';
export const CONTRIBUTOR_TOKEN = 'sim-contributor-token';
export const LIBRARIAN_TOKEN = 'sim-librarian-token';
export const TRANSLATOR_TOKEN = 'sim-translator-token';

/** The project owner's account: creator of the demo content unless said otherwise. */
export const OWNER: CreatorRef = { type: 'account', id: '1001' };
/** The contributor demo user: creator of landing pages 1–6 and assets u02391–u02400. */
export const CONTRIBUTOR: CreatorRef = { type: 'user', id: 'user-contributor' };
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

/** Rule builders with only the attributes each action's entry type has (RawApiTypes). */
function rule(environment: string, entry: Record<string, unknown>): ItemTypeRule {
  return { environment, item_type: null, on_creator: 'anyone', ...entry } as ItemTypeRule;
}

function assetRule(environment: string, entry: Record<string, unknown>): UploadRule {
  return { environment, upload_collection: null, on_creator: 'anyone', ...entry } as UploadRule;
}

/**
 * Creator-scoped: reads everything, and does everything (publish, delete, move…) only on the
 * records and assets the user created (`on_creator: 'self'`).
 */
export function contributorRole(): Role {
  return buildRole(
    'role-contributor',
    'Contributor',
    { can_perform_site_search: true },
    {
      positive_item_type_permissions: everywhere((env) => [
        rule(env, { action: 'read' }),
        rule(env, { action: 'all', on_creator: 'self', localization_scope: 'all' }),
      ]),
      negative_item_type_permissions: [],
      positive_upload_permissions: everywhere((env) => [
        assetRule(env, { action: 'read' }),
        assetRule(env, { action: 'all', on_creator: 'self', localization_scope: 'all' }),
      ]),
      negative_upload_permissions: [],
    },
  );
}

/**
 * Collection-scoped: manages assets, except that nothing in Archive may be deleted (a negative
 * rule scoped to one collection) and assets may only be moved into Archive
 * (`move_to_upload_collection`). Reads records.
 */
export function librarianRole(): Role {
  const actions = ['read', 'create', 'replace_asset', 'edit_creator', 'delete'] as const;
  return buildRole(
    'role-librarian',
    'Media librarian',
    { can_perform_site_search: true },
    {
      positive_item_type_permissions: everywhere((env) => [rule(env, { action: 'read' })]),
      negative_item_type_permissions: [],
      positive_upload_permissions: everywhere((env) => [
        ...actions.map((action) =>
          assetRule(env, action === 'create' ? { action, on_creator: undefined } : { action }),
        ),
        assetRule(env, { action: 'update', localization_scope: 'all' }),
        assetRule(env, { action: 'move', move_to_upload_collection: 'col-archive' }),
      ]),
      negative_upload_permissions: everywhere((env) => [
        assetRule(env, { action: 'delete', upload_collection: 'col-archive' }),
      ]),
    },
  );
}

/**
 * Locale-scoped: edits and publishes French content only (`localization_scope: 'localized'`,
 * `locale: 'fr'`): a whole-record publish, which also publishes the other locale and the
 * non-localized content, is not allowed. Edits only the French metadata of assets.
 */
export function translatorRole(): Role {
  const fr = { localization_scope: 'localized', locale: 'fr' };
  return buildRole(
    'role-translator',
    'Translator (French)',
    { can_perform_site_search: true },
    {
      positive_item_type_permissions: everywhere((env) => [
        rule(env, { action: 'read' }),
        rule(env, { action: 'update', ...fr }),
        rule(env, { action: 'publish', ...fr }),
      ]),
      negative_item_type_permissions: [],
      positive_upload_permissions: everywhere((env) => [
        assetRule(env, { action: 'read' }),
        assetRule(env, { action: 'update', ...fr }),
      ]),
      negative_upload_permissions: [],
    },
  );
}

export type TokenEntry = {
  token: string;
  role: Role;
  /** What a role switch shows. */
  label: string;
  /** The user (or account) the token acts as: compared with records' `creator`. */
  user: CreatorRef & { name: string };
};

export function demoTokens(): TokenEntry[] {
  return [
    { token: ADMIN_TOKEN, role: adminRole(), label: 'Admin', user: { ...OWNER, name: 'Owner' } },
    {
      token: EDITOR_TOKEN,
      role: editorRole(),
      label: 'Editor (no publish, no delete)',
      user: { type: 'user', id: 'user-editor', name: 'Eddie Editor' },
    },
    {
      token: REVIEWER_TOKEN,
      role: reviewerRole(),
      label: 'Reviewer (moves out of In review only)',
      user: { type: 'user', id: 'user-reviewer', name: 'Rita Reviewer' },
    },
    {
      token: CONTRIBUTOR_TOKEN,
      role: contributorRole(),
      label: 'Contributor (own records and assets only)',
      user: { ...CONTRIBUTOR, name: 'Casey Contributor' },
    },
    {
      token: LIBRARIAN_TOKEN,
      role: librarianRole(),
      label: 'Media librarian (no delete in Archive, moves into Archive only)',
      user: { type: 'user', id: 'user-librarian', name: 'Lee Librarian' },
    },
    {
      token: TRANSLATOR_TOKEN,
      role: translatorRole(),
      label: 'Translator (French content only)',
      user: { type: 'user', id: 'user-translator', name: 'Théo Translator' },
    },
  ];
}
