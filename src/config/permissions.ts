/**
 * Reads what the current role may do from `currentRole.meta.final_permissions`, following every
 * attribute of DatoCMS's rule types (RawApiTypes `RoleItemTypePermission*`,
 * `RoleUploadPermission*`). Structural types only, so the boot path and the engine can use it
 * without the SDK. `roleAllows` answers for a menu ("could any item be allowed?");
 * `itemPermissions.ts` answers for one item.
 */
import type { RequiredPermission } from '../actions/catalog';

/** One entry of a `positive_*` / `negative_*` list, every attribute optional. */
export type PermissionRule = {
  readonly action: string;
  readonly environment?: string | null;
  readonly item_type?: string | null;
  /** Records of the models using this workflow (mutually exclusive with item_type). */
  readonly workflow?: string | null;
  /** Records currently in this stage. */
  readonly on_stage?: string | null;
  /** Moves towards this stage (move_to_stage, all). */
  readonly to_stage?: string | null;
  readonly on_creator?: 'anyone' | 'self' | 'role' | null;
  readonly localization_scope?: 'all' | 'localized' | 'not_localized' | null;
  /** With localization_scope "localized": the locale it covers. */
  readonly locale?: string | null;
  /** Upload rules: assets of this collection (and, per DatoCMS, its sub-collections). */
  readonly upload_collection?: string | null;
  /** Upload `move`: the destination collection (and its sub-collections). */
  readonly move_to_upload_collection?: string | null;
};

export type FinalPermissions = {
  readonly can_edit_schema?: boolean;
  readonly can_manage_upload_collections?: boolean;
  readonly positive_item_type_permissions?: readonly PermissionRule[];
  readonly negative_item_type_permissions?: readonly PermissionRule[];
  readonly positive_upload_permissions?: readonly PermissionRule[];
  readonly negative_upload_permissions?: readonly PermissionRule[];
};

export type RoleLike = {
  readonly id?: string;
  readonly meta?: { readonly final_permissions?: FinalPermissions };
};

/** What is known of the item a rule is checked against; `undefined` means not known. */
export type RuleContext = {
  readonly itemTypeId?: string;
  /** The model's workflow (null: the model has none). */
  readonly workflowId?: string | null;
};

export type Rules = {
  readonly positive: readonly PermissionRule[];
  readonly negative: readonly PermissionRule[];
};

export function rulesFor(role: RoleLike | undefined, kind: 'upload' | 'item'): Rules | null {
  const p = role?.meta?.final_permissions;
  if (!p) return null;
  return kind === 'upload'
    ? {
        positive: p.positive_upload_permissions ?? [],
        negative: p.negative_upload_permissions ?? [],
      }
    : {
        positive: p.positive_item_type_permissions ?? [],
        negative: p.negative_item_type_permissions ?? [],
      };
}

export const actionMatches = (rule: PermissionRule, action: string): boolean =>
  rule.action === 'all' || rule.action === action;

export const environmentMatches = (rule: PermissionRule, environment: string): boolean =>
  !rule.environment || rule.environment === environment;

/**
 * Whether a negative rule takes away everything a positive rule grants, within the context:
 * it is no narrower on any attribute (a narrower negative leaves some items allowed).
 */
function subsumes(n: PermissionRule, p: PermissionRule, context: RuleContext): boolean {
  const same = (
    a: string | null | undefined,
    b: string | null | undefined,
    fixed?: string | null,
  ) => !a || a === b || (fixed !== undefined && fixed !== null && a === fixed);
  const creatorOk = !n.on_creator || n.on_creator === 'anyone' || n.on_creator === p.on_creator;
  const scopeOk =
    !n.localization_scope ||
    n.localization_scope === 'all' ||
    (n.localization_scope === p.localization_scope && (n.locale ?? null) === (p.locale ?? null));
  return (
    same(n.item_type, p.item_type, context.itemTypeId) &&
    same(n.workflow, p.workflow, context.workflowId) &&
    same(n.on_stage, p.on_stage) &&
    same(n.to_stage, p.to_stage) &&
    same(n.upload_collection, p.upload_collection) &&
    same(n.move_to_upload_collection, p.move_to_upload_collection) &&
    creatorOk &&
    scopeOk
  );
}

/** A positive rule that can grant something in the context (model and workflow, when known). */
function couldGrant(p: PermissionRule, context: RuleContext): boolean {
  if (p.item_type && context.itemTypeId !== undefined && p.item_type !== context.itemTypeId)
    return false;
  if (p.workflow && context.workflowId !== undefined && p.workflow !== context.workflowId)
    return false;
  return true;
}

/**
 * Whether the role may do `requires` on at least one item in the context. A menu entry is
 * disabled only when no item could be allowed: rules scoped to a collection, a stage, a creator
 * or a locale are checked per item in the preview.
 */
export function roleAllows(
  role: RoleLike | undefined,
  requires: RequiredPermission,
  environment: string,
  itemTypeId?: string,
  workflowId?: string | null,
): boolean {
  const perms = role?.meta?.final_permissions;
  if (!perms) return false;
  if (requires.kind === 'site') return perms[requires.flag] === true;
  const rules = rulesFor(role, requires.kind)!;
  const context: RuleContext = {
    ...(itemTypeId !== undefined ? { itemTypeId } : {}),
    ...(workflowId !== undefined ? { workflowId } : {}),
  };
  const relevant = (r: PermissionRule) =>
    actionMatches(r, requires.action) && environmentMatches(r, environment);
  const negatives = rules.negative.filter(relevant);
  return rules.positive.some(
    (p) => relevant(p) && couldGrant(p, context) && !negatives.some((n) => subsumes(n, p, context)),
  );
}

/** Human sentence for a permission the role lacks, shown next to a disabled action. */
export function describeMissingPermission(requires: RequiredPermission): string {
  switch (requires.kind) {
    case 'site':
      return 'your role cannot manage upload collections';
    case 'upload':
      return requires.action === 'delete'
        ? 'your role cannot delete assets'
        : requires.action === 'move'
          ? 'your role cannot move assets between collections'
          : 'your role cannot edit assets';
    case 'item':
      return requires.action === 'publish'
        ? 'your role cannot publish records of this model'
        : requires.action === 'delete'
          ? 'your role cannot delete records of this model'
          : 'your role cannot move records of this model between stages';
  }
}
