import { describe, expect, it } from 'vitest';
import { roleAllows, type RoleLike } from './permissions';
import { adminRole, editorRole } from './testRoles';

describe('roleAllows', () => {
  it('grants everything to a role with "all" rules', () => {
    expect(roleAllows(adminRole, { kind: 'upload', action: 'delete' }, 'main')).toBe(true);
    expect(roleAllows(adminRole, { kind: 'item', action: 'publish' }, 'main', 'm1')).toBe(true);
    expect(
      roleAllows(adminRole, { kind: 'site', flag: 'can_manage_upload_collections' }, 'main'),
    ).toBe(true);
  });

  it('refuses what an editor lacks', () => {
    expect(roleAllows(editorRole, { kind: 'upload', action: 'update' }, 'main')).toBe(true);
    expect(roleAllows(editorRole, { kind: 'upload', action: 'delete' }, 'main')).toBe(false);
    expect(roleAllows(editorRole, { kind: 'item', action: 'publish' }, 'main', 'm1')).toBe(false);
    expect(
      roleAllows(editorRole, { kind: 'site', flag: 'can_manage_upload_collections' }, 'main'),
    ).toBe(false);
  });

  it('scopes rules to a model and an environment, and lets negative rules win', () => {
    const role: RoleLike = {
      meta: {
        final_permissions: {
          positive_item_type_permissions: [
            { action: 'publish', item_type: 'article', environment: 'main' },
            { action: 'all', item_type: 'page', environment: 'main' },
          ],
          negative_item_type_permissions: [
            { action: 'delete', item_type: 'page', environment: 'main' },
          ],
        },
      },
    };
    const publish = { kind: 'item', action: 'publish' } as const;
    const destroy = { kind: 'item', action: 'delete' } as const;
    expect(roleAllows(role, publish, 'main', 'article')).toBe(true);
    expect(roleAllows(role, publish, 'main', 'author')).toBe(false);
    expect(roleAllows(role, publish, 'sandbox', 'article')).toBe(false);
    expect(roleAllows(role, publish, 'main', 'page')).toBe(true);
    expect(roleAllows(role, destroy, 'main', 'page')).toBe(false);
  });

  it('refuses when the role carries no permissions at all', () => {
    expect(roleAllows(undefined, { kind: 'upload', action: 'update' }, 'main')).toBe(false);
    expect(roleAllows({}, { kind: 'site', flag: 'can_manage_upload_collections' }, 'main')).toBe(
      false,
    );
  });
});
