import { describe, expect, it } from 'vitest';
import { BULK_ACTIONS } from './catalog';
import { buildMenu } from './menu';
import { DEFAULT_PARAMETERS } from '../config/parameters';
import { adminRole, editorRole } from '../config/testRoles';

const base = { parameters: DEFAULT_PARAMETERS, environment: 'main' };
// From the registry, so that adding an operation does not touch this test.
const mediaAreaLabels = BULK_ACTIONS.filter((a) => a.surface === 'uploads').map((a) => a.label);

describe('buildMenu', () => {
  it('offers every Media Area action to an admin', () => {
    const menu = buildMenu('uploads', { ...base, role: adminRole });
    expect(menu.map((e) => e.label)).toEqual(mediaAreaLabels);
    expect(mediaAreaLabels).toEqual(
      expect.arrayContaining(['Add tags…', 'Delete assets…', 'Reorder collections…']),
    );
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
    expect(menu).toHaveLength(mediaAreaLabels.length - 1);
  });

  it('limits destructive actions to the configured roles', () => {
    const parameters = { ...DEFAULT_PARAMETERS, destructiveRoleIds: ['someone-else'] };
    const menu = buildMenu('uploads', { ...base, parameters, role: adminRole });
    expect(menu.find((e) => e.id === 'uploads.destroy')).toMatchObject({ disabled: true });
    expect(menu.find((e) => e.id === 'uploads.addTags')?.disabled).toBeUndefined();
  });
});
