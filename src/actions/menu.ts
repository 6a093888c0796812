/**
 * Turns the action catalog into the dropdown entries DatoCMS shows, from the settings and
 * the current role. Boot-path code: plain data in, plain data out.
 */
import { BULK_ACTIONS, type ActionSurface, type BulkActionDefinition } from './catalog';
import { describeMissingPermission, roleAllows, type RoleLike } from '../config/permissions';
import type { PluginParameters } from '../config/parameters';

export type MenuContext = {
  readonly parameters: PluginParameters;
  readonly role: RoleLike | undefined;
  readonly environment: string;
  /** The model of the collection, for record actions. */
  readonly itemTypeId?: string;
  /** That model's workflow (null: none; absent: not known), for workflow-scoped rules. */
  readonly workflowId?: string | null;
};

export type ActionAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

export function actionAvailability(
  action: BulkActionDefinition,
  context: MenuContext,
): ActionAvailability {
  if (
    !roleAllows(
      context.role,
      action.requires,
      context.environment,
      context.itemTypeId,
      context.workflowId,
    )
  ) {
    return { available: false, reason: describeMissingPermission(action.requires) };
  }
  const allowedRoles = context.parameters.destructiveRoleIds;
  if (
    action.destructive &&
    allowedRoles.length > 0 &&
    !allowedRoles.includes(context.role?.id ?? '')
  ) {
    return { available: false, reason: 'your role is not allowed to run destructive bulk actions' };
  }
  return { available: true };
}

/** The shape of the SDK's `DropdownAction`, restated so this module stays SDK-free. */
export type MenuEntry = {
  id: string;
  label: string;
  icon: string;
  alert?: boolean;
  disabled?: boolean;
  parameters?: Record<string, unknown>;
  rank?: number;
};

export function buildMenu(surface: ActionSurface, context: MenuContext): MenuEntry[] {
  return BULK_ACTIONS.filter(
    (action) => action.surface === surface && context.parameters.enabledActions[action.id],
  ).map((action, index) => {
    const availability = actionAvailability(action, context);
    // DatoCMS menus have no tooltip, so the reason goes into the (unique) label.
    return availability.available
      ? {
          id: action.id,
          label: action.label,
          icon: action.icon,
          alert: action.destructive,
          rank: index,
        }
      : {
          id: action.id,
          label: `${action.title} (${availability.reason})`,
          icon: action.icon,
          disabled: true,
          rank: index,
        };
  });
}
