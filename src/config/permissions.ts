/**
 * Reads what the current role may do from `currentRole.meta.final_permissions`.
 * Structural types only, so the boot path and the engine can use it without the SDK.
 */
import type { RequiredPermission } from '../actions/catalog';

export type PermissionRule = {
  readonly action: string;
  readonly item_type?: string | null;
  readonly environment?: string | null;
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

function ruleMatches(
  rule: PermissionRule,
  action: string,
  environment: string,
  itemTypeId: string | undefined,
): boolean {
  const actionOk = rule.action === 'all' || rule.action === action;
  const envOk = !rule.environment || rule.environment === environment;
  // A rule bound to a model only grants that model; an unbound rule grants every model.
  const typeOk = !rule.item_type || itemTypeId === undefined || rule.item_type === itemTypeId;
  return actionOk && envOk && typeOk;
}

function allowedBy(
  positive: readonly PermissionRule[] | undefined,
  negative: readonly PermissionRule[] | undefined,
  action: string,
  environment: string,
  itemTypeId?: string,
): boolean {
  const granted = (positive ?? []).some((r) => ruleMatches(r, action, environment, itemTypeId));
  const revoked = (negative ?? []).some((r) => ruleMatches(r, action, environment, itemTypeId));
  return granted && !revoked;
}

export function roleAllows(
  role: RoleLike | undefined,
  requires: RequiredPermission,
  environment: string,
  itemTypeId?: string,
): boolean {
  const perms = role?.meta?.final_permissions;
  if (!perms) return false;
  switch (requires.kind) {
    case 'site':
      return perms[requires.flag] === true;
    case 'upload':
      return allowedBy(
        perms.positive_upload_permissions,
        perms.negative_upload_permissions,
        requires.action,
        environment,
      );
    case 'item':
      return allowedBy(
        perms.positive_item_type_permissions,
        perms.negative_item_type_permissions,
        requires.action,
        environment,
        itemTypeId,
      );
  }
}

/** Human sentence for a permission the role lacks, shown next to a disabled action. */
export function describeMissingPermission(requires: RequiredPermission): string {
  switch (requires.kind) {
    case 'site':
      return 'your role cannot manage upload collections';
    case 'upload':
      return requires.action === 'delete'
        ? 'your role cannot delete assets'
        : 'your role cannot edit assets';
    case 'item':
      return requires.action === 'publish'
        ? 'your role cannot publish records of this model'
        : requires.action === 'delete'
          ? 'your role cannot delete records of this model'
          : 'your role cannot move records of this model between stages';
  }
}
