/**
 * The project's roles, for the destructive-roles setting. Only the config screen loads this
 * (lazily): it brings the CMA client, which the boot path must not.
 */
import type { CmaAccess } from '../cma/access';
import { createEngineClient } from '../cma/engineClient';
import { systemClock } from '../engine/clock';

export type RoleOption = { readonly id: string; readonly name: string };

export type RoleChoice = RoleOption & {
  readonly checked: boolean;
  /** Stored in the settings but no longer a role of the project (deleted, or hand-edited). */
  readonly missing: boolean;
};

export async function loadProjectRoles(access: CmaAccess): Promise<RoleOption[]> {
  const api = createEngineClient(access, { clock: systemClock });
  const body = await api.client.request<{
    data: { id: string; attributes?: { name?: string } }[];
  }>({ method: 'GET', url: '/roles' });
  return body.data
    .map((r) => ({ id: r.id, name: r.attributes?.name ?? r.id }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every project role with whether it is allowed, then the stored ids that match no role. */
export function roleChoices(
  roles: readonly RoleOption[],
  allowed: readonly string[],
): RoleChoice[] {
  const known = new Set(roles.map((r) => r.id));
  return [
    ...roles.map((r) => ({ ...r, checked: allowed.includes(r.id), missing: false })),
    ...allowed
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: `Unknown role ${id}`, checked: true, missing: true })),
  ];
}

export function toggleRole(allowed: readonly string[], id: string, on: boolean): string[] {
  const rest = allowed.filter((r) => r !== id);
  return on ? [...rest, id] : rest;
}
