/**
 * Whether the role may move a record of a model from one workflow stage to another: `move_to_stage`
 * rules bound to the stage a record is in (`on_stage`) and the stage it goes to (`to_stage`), with
 * every other attribute checked by `checkItem`. Negative rules win.
 */
import { checkItem, type Actor, type PermissionSubject } from './itemPermissions';
import type { RoleLike } from './permissions';

export function canMoveBetweenStages(
  role: RoleLike | undefined,
  environment: string,
  itemTypeId: string,
  from: string | null,
  to: string,
  subject: Omit<PermissionSubject, 'itemTypeId' | 'stage' | 'toStage'> = {},
  actor: Actor = {},
): boolean {
  return (
    checkItem(
      role,
      { kind: 'item', action: 'move_to_stage' },
      environment,
      { ...subject, itemTypeId, stage: from, toStage: to },
      actor,
    ).kind === 'allowed'
  );
}
