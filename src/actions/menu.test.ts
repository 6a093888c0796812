import { describe, expect, it } from 'vitest';
import { buildMenu } from './menu';
import { DEFAULT_PARAMETERS } from '../config/parameters';
import { adminRole, editorRole } from '../config/testRoles';

const base = { parameters: DEFAULT_PARAMETERS, environment: 'main' };

describe('buildMenu', () => {
  it('offers every Media Area action to an admin', () => {
    const menu = buildMenu('uploads', { ...base, role: adminRole });
    expect(menu.map((e) => e.label)).toEqual([
      'Add tags…',
      'Remove tags…',
      'Move to collection…',
      'Delete assets…',
      'Reorder collections…',
    ]);
    expect(menu.every((e) => !e.disabled)).toBe(true);
    expect(menu.find((e) => e.id === 'uploads.destroy')?.alert).toBe(true);
  });

  it('disables, with the reason, what an editor cannot do', () => {
    const menu = buildMenu('items', { ...base, role: editorRole, itemTypeId: 'article' });
    const publish = menu.find((e) => e.id === 'items.publish');
    expect(publish).toMatchObject({
      disabled: true,
      label: 'Bulk publish (your role cannot publish records of this model)',
    });
    const uploads = buildMenu('uploads', { ...base, role: editorRole });
    expect(uploads.find((e) => e.id === 'uploads.addTags')?.disabled).toBeUndefined();
    expect(uploads.find((e) => e.id === 'uploads.destroy')?.label).toBe(
      'Delete assets (your role cannot delete assets)',
    );
  });

  it('hides actions switched off in the settings', () => {
    const parameters = {
      ...DEFAULT_PARAMETERS,
      enabledActions: { ...DEFAULT_PARAMETERS.enabledActions, 'uploads.destroy': false },
    };
    const menu = buildMenu('uploads', { ...base, parameters, role: adminRole });
    expect(menu.map((e) => e.id)).not.toContain('uploads.destroy');
    expect(menu).toHaveLength(4);
  });

  it('limits destructive actions to the configured roles', () => {
    const parameters = { ...DEFAULT_PARAMETERS, destructiveRoleIds: ['someone-else'] };
    const menu = buildMenu('uploads', { ...base, parameters, role: adminRole });
    expect(menu.find((e) => e.id === 'uploads.destroy')).toMatchObject({ disabled: true });
    expect(menu.find((e) => e.id === 'uploads.addTags')?.disabled).toBeUndefined();
  });
});
