/**
 * Whether the role may move a record of a model from one workflow stage to another. DatoCMS role
 * rules for `move_to_stage` can be bound to the stage a record is in (`on_stage`) and the stage
 * it goes to (`to_stage`); a rule without them covers every move. Negative rules win.
 */
import type { PermissionRule, RoleLike } from './permissions';

type StageRule = PermissionRule & {
  readonly on_stage?: string | null;
  readonly to_stage?: string | null;
};

function covers(
  rule: StageRule,
  environment: string,
  itemTypeId: string,
  from: string | null,
  to: string,
): boolean {
  return (
    (rule.action === 'all' || rule.action === 'move_to_stage') &&
    (!rule.environment || rule.environment === environment) &&
    (!rule.item_type || rule.item_type === itemTypeId) &&
    (!rule.on_stage || rule.on_stage === from) &&
    (!rule.to_stage || rule.to_stage === to)
  );
}

export function canMoveBetweenStages(
  role: RoleLike | undefined,
  environment: string,
  itemTypeId: string,
  from: string | null,
  to: string,
): boolean {
  const perms = role?.meta?.final_permissions;
  if (!perms) return false;
  const positive = (perms.positive_item_type_permissions ?? []) as readonly StageRule[];
  const negative = (perms.negative_item_type_permissions ?? []) as readonly StageRule[];
  return (
    positive.some((r) => covers(r, environment, itemTypeId, from, to)) &&
    !negative.some((r) => covers(r, environment, itemTypeId, from, to))
  );
}
