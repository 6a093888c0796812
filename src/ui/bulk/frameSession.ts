import { readCmaAccess, type CmaAccessSource } from '../../cma/access';
import type { RoleLike } from '../../config/permissions';
import { BulkSession, type SessionOptions } from './session';

/**
 * A session on the frame's token and role, over a run scope the frame holds; null without the
 * token. `bootId` names the boot frame that executes what it starts ('' to only read and follow).
 */
export function frameSession(
  ctx: CmaAccessSource & { readonly currentRole: unknown },
  runScope: SessionOptions['runScope'],
  bootId: string,
  options: Pick<SessionOptions, 'resource' | 'locales'> = {},
): BulkSession | null {
  const access = readCmaAccess(ctx);
  return access
    ? new BulkSession({
        access,
        runScope,
        bootId,
        role: ctx.currentRole as RoleLike,
        ...options,
      })
    : null;
}
