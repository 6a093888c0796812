import { describeMissingPermission, roleAllows, type RoleLike } from '../../config/permissions';
import type { AnyOperation } from './types';

export class PermissionError extends Error {
  readonly code = 'INSUFFICIENT_PERMISSIONS';
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

/** Role check before anything is sent; item operations are checked per model in preview too. */
export function checkPermission(
  op: AnyOperation,
  role: RoleLike | undefined,
  environment: string,
  itemTypeId?: string,
): { allowed: true } | { allowed: false; reason: string } {
  return roleAllows(role, op.requires, environment, itemTypeId)
    ? { allowed: true }
    : { allowed: false, reason: `Blocked: ${describeMissingPermission(op.requires)}.` };
}

export function assertPermission(
  op: AnyOperation,
  role: RoleLike | undefined,
  environment: string,
) {
  const result = checkPermission(op, role, environment);
  if (!result.allowed) throw new PermissionError(result.reason);
}
