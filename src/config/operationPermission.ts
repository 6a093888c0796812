import type { RequiredPermission } from '../actions/catalog';
import { describeMissingPermission, roleAllows, type RoleLike } from './permissions';

/** What the check needs of an operation: what it requires of the role. */
type Requiring = { readonly requires: RequiredPermission };

export class PermissionError extends Error {
  readonly code = 'INSUFFICIENT_PERMISSIONS';
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

/** Role check before anything is sent; item operations are checked per model in preview too. */
export function checkPermission(
  op: Requiring,
  role: RoleLike | undefined,
  environment: string,
  itemTypeId?: string,
): { allowed: true } | { allowed: false; reason: string } {
  return roleAllows(role, op.requires, environment, itemTypeId)
    ? { allowed: true }
    : { allowed: false, reason: `Blocked: ${describeMissingPermission(op.requires)}.` };
}

export function assertPermission(op: Requiring, role: RoleLike | undefined, environment: string) {
  const result = checkPermission(op, role, environment);
  if (!result.allowed) throw new PermissionError(result.reason);
}
