import { describe, expect, it } from 'vitest';
import { roleChoices, toggleRole } from './projectRoles';

describe('roleChoices', () => {
  it('lists the project roles with their state, then stored ids that match no role', () => {
    const roles = [
      { id: 'r1', name: 'Admin' },
      { id: 'r2', name: 'Editor' },
    ];
    expect(roleChoices(roles, ['r2', 'gone'])).toEqual([
      { id: 'r1', name: 'Admin', checked: false, missing: false },
      { id: 'r2', name: 'Editor', checked: true, missing: false },
      { id: 'gone', name: 'Unknown role gone', checked: true, missing: true },
    ]);
  });

  it('toggles a role without duplicates', () => {
    expect(toggleRole(['a'], 'a', true)).toEqual(['a']);
    expect(toggleRole(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleRole([], 'b', true)).toEqual(['b']);
  });
});
