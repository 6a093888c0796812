import { describe, expect, it } from 'vitest';
import { checkItem, type Actor } from './itemPermissions';
import { describeVerdict } from './permissionReasons';
import { roleAllows, type PermissionRule, type RoleLike } from './permissions';

const uploadRole = (positive: PermissionRule[], negative: PermissionRule[] = []): RoleLike => ({
  id: 'r',
  meta: {
    final_permissions: {
      positive_upload_permissions: positive,
      negative_upload_permissions: negative,
    },
  },
});
const itemRole = (positive: PermissionRule[], negative: PermissionRule[] = []): RoleLike => ({
  id: 'role-writer',
  meta: {
    final_permissions: {
      positive_item_type_permissions: positive,
      negative_item_type_permissions: negative,
    },
  },
});
const env = { environment: 'main' };
const del = { kind: 'upload', action: 'delete' } as const;
const publish = { kind: 'item', action: 'publish' } as const;
const me: Actor = { user: { type: 'user', id: 'u1' }, roleId: 'role-writer' };

describe('checkItem: upload rules', () => {
  // A negative delete rule scoped to one collection (the example).
  const role = uploadRole(
    [{ action: 'all', ...env }],
    [{ action: 'delete', upload_collection: 'col-press', ...env }],
  );

  it('blocks only the assets in that collection or one inside it', () => {
    expect(checkItem(role, del, 'main', { collectionPath: [] }).kind).toBe('allowed');
    expect(checkItem(role, del, 'main', { collectionPath: ['col-other'] }).kind).toBe('allowed');
    expect(checkItem(role, del, 'main', { collectionPath: ['col-press'] }).kind).toBe('denied');
    // A sub-collection inherits its parent's rules.
    expect(checkItem(role, del, 'main', { collectionPath: ['col-sub', 'col-press'] }).kind).toBe(
      'denied',
    );
    // Tagging is another action: not touched by the delete rule.
    expect(
      checkItem(role, { kind: 'upload', action: 'update' }, 'main', {
        collectionPath: ['col-press'],
      }).kind,
    ).toBe('allowed');
  });

  it('leaves the menu entry enabled: some assets can still be deleted', () => {
    expect(roleAllows(role, del, 'main')).toBe(true);
    // An unscoped negative rule takes everything away.
    expect(
      roleAllows(
        uploadRole([{ action: 'all', ...env }], [{ action: 'delete', ...env }]),
        del,
        'main',
      ),
    ).toBe(false);
  });

  it('scopes positive rules to a collection, a creator and the move destination', () => {
    const scoped = uploadRole([
      { action: 'delete', upload_collection: 'col-a', ...env },
      { action: 'delete', on_creator: 'self', ...env },
      { action: 'move', upload_collection: 'col-a', move_to_upload_collection: 'col-b', ...env },
    ]);
    const mine = { type: 'user', id: 'u1' };
    const theirs = { type: 'user', id: 'u2' };
    expect(
      checkItem(scoped, del, 'main', { collectionPath: ['col-a'], creator: theirs }, me).kind,
    ).toBe('allowed');
    expect(checkItem(scoped, del, 'main', { collectionPath: [], creator: mine }, me).kind).toBe(
      'allowed',
    );
    const denied = checkItem(scoped, del, 'main', { collectionPath: [], creator: theirs }, me);
    expect(denied.kind).toBe('denied');
    const move = { kind: 'upload', action: 'move' } as const;
    expect(
      checkItem(scoped, move, 'main', { collectionPath: ['col-a'], toCollectionPath: ['col-b'] })
        .kind,
    ).toBe('allowed');
    expect(
      checkItem(scoped, move, 'main', { collectionPath: ['col-a'], toCollectionPath: [] }).kind,
    ).toBe('denied');
    expect(roleAllows(scoped, { kind: 'upload', action: 'update' }, 'main')).toBe(false);
    if (denied.kind !== 'allowed')
      expect(
        describeVerdict(denied, 'delete', 'assets', (_k, id) => ({ 'col-a': 'Press' })[id]),
      ).toBe(
        'Your role may delete only assets in the collection “Press” (or one inside it), or created by you.',
      );
  });

  it('names the rule that forbids it', () => {
    const verdict = checkItem(role, del, 'main', { collectionPath: ['col-press'] });
    expect(verdict.kind).toBe('denied');
    if (verdict.kind !== 'allowed')
      expect(describeVerdict(verdict, 'delete', 'assets', () => 'Press')).toBe(
        'Your role may not delete assets in the collection “Press” (or one inside it).',
      );
  });
});

describe('checkItem: record rules', () => {
  it('follows the stage a record is in, for publish and delete too', () => {
    const role = itemRole([{ action: 'publish', on_stage: 'approved', ...env }]);
    expect(checkItem(role, publish, 'main', { itemTypeId: 'm', stage: 'approved' }).kind).toBe(
      'allowed',
    );
    expect(checkItem(role, publish, 'main', { itemTypeId: 'm', stage: 'drafting' }).kind).toBe(
      'denied',
    );
    expect(checkItem(role, publish, 'main', { itemTypeId: 'm', stage: null }).kind).toBe('denied');
    expect(roleAllows(role, publish, 'main', 'm')).toBe(true);
  });

  it('matches a workflow rule to the models using that workflow', () => {
    const role = itemRole([{ action: 'delete', workflow: 'wf', ...env }]);
    const d = { kind: 'item', action: 'delete' } as const;
    expect(checkItem(role, d, 'main', { itemTypeId: 'm', workflowId: 'wf' }).kind).toBe('allowed');
    expect(checkItem(role, d, 'main', { itemTypeId: 'm', workflowId: null }).kind).toBe('denied');
    expect(roleAllows(role, d, 'main', 'm', null)).toBe(false);
    expect(roleAllows(role, d, 'main', 'm', 'wf')).toBe(true);
    // The model's workflow unknown (no ctx.itemTypes entry): the menu stays open.
    expect(roleAllows(role, d, 'main', 'm')).toBe(true);
  });

  it('needs every locale a whole-record publish puts live', () => {
    const role = itemRole([
      { action: 'publish', localization_scope: 'localized', locale: 'en', ...env },
      { action: 'publish', localization_scope: 'not_localized', ...env },
    ]);
    const record = (locales: string[]) => ({
      itemTypeId: 'm',
      content: { nonLocalized: true, locales },
    });
    expect(checkItem(role, publish, 'main', record(['en'])).kind).toBe('allowed');
    const fr = checkItem(role, publish, 'main', record(['en', 'fr']));
    expect(fr).toMatchObject({ kind: 'denied', uncoveredPart: 'locale:fr' });
    // Content unknown: only an unscoped rule covers it.
    expect(checkItem(role, publish, 'main', { itemTypeId: 'm' }).kind).toBe('denied');
    // A negative rule on one locale blocks a record that has content in it.
    const negative = itemRole(
      [{ action: 'all', ...env }],
      [{ action: 'publish', localization_scope: 'localized', locale: 'fr', ...env }],
    );
    expect(checkItem(negative, publish, 'main', record(['en'])).kind).toBe('allowed');
    expect(checkItem(negative, publish, 'main', record(['en', 'fr'])).kind).toBe('denied');
    expect(roleAllows(negative, publish, 'main', 'm')).toBe(true);
  });

  it('reads on_creator "role" through the creator role lookup, else leaves it to DatoCMS', () => {
    const role = itemRole([{ action: 'publish', on_creator: 'role', ...env }]);
    const colleague = { type: 'user', id: 'u7' };
    const subject = { itemTypeId: 'm', creator: colleague };
    expect(checkItem(role, publish, 'main', subject, me).kind).toBe('unknown');
    const lookup = (r: string): Actor => ({ ...me, creatorRole: () => r });
    expect(checkItem(role, publish, 'main', subject, lookup('role-writer')).kind).toBe('allowed');
    expect(checkItem(role, publish, 'main', subject, lookup('role-other')).kind).toBe('denied');
    // Your own records are yours whatever the lookup says.
    expect(checkItem(role, publish, 'main', { itemTypeId: 'm', creator: me.user! }, me).kind).toBe(
      'allowed',
    );
    const unknown = checkItem(role, publish, 'main', subject, me);
    if (unknown.kind !== 'allowed')
      expect(describeVerdict(unknown, 'publish', 'records')).toBe(
        'Your role may publish only records created by users with your role, and who created it could not be checked: DatoCMS decides when the run reaches it.',
      );
  });

  it('matches the environment and the model', () => {
    const role = itemRole([{ action: 'all', item_type: 'a', environment: 'main' }]);
    expect(checkItem(role, publish, 'main', { itemTypeId: 'a' }).kind).toBe('allowed');
    expect(checkItem(role, publish, 'staging', { itemTypeId: 'a' }).kind).toBe('denied');
    expect(checkItem(role, publish, 'main', { itemTypeId: 'b' }).kind).toBe('denied');
    expect(checkItem(undefined, publish, 'main', { itemTypeId: 'a' }).kind).toBe('denied');
  });
});

describe('checkItem: stage moves', () => {
  const move = { kind: 'item', action: 'move_to_stage' } as const;
  const rule = (extra: object): PermissionRule => ({ action: 'move_to_stage', ...env, ...extra });
  const can = (role: RoleLike, itemTypeId: string, from: string | null, to: string) =>
    checkItem(role, move, 'main', { itemTypeId, stage: from, toStage: to }).kind === 'allowed';

  it('an unbound rule allows every move; a stage-bound rule only its own', () => {
    expect(can(itemRole([rule({})]), 'm', 'drafting', 'approved')).toBe(true);
    const reviewer = itemRole([rule({ on_stage: 'in_review', to_stage: 'approved' })]);
    expect(can(reviewer, 'm', 'in_review', 'approved')).toBe(true);
    expect(can(reviewer, 'm', 'drafting', 'approved')).toBe(false);
    expect(can(reviewer, 'm', 'in_review', 'archived')).toBe(false);
  });

  it('negative rules win, per model and environment', () => {
    const r = itemRole(
      [{ action: 'all', ...env }],
      [rule({ to_stage: 'archived', item_type: 'm' })],
    );
    expect(can(r, 'm', 'approved', 'archived')).toBe(false);
    expect(can(r, 'other', 'approved', 'archived')).toBe(true);
    expect(can(r, 'm', 'approved', 'drafting')).toBe(true);
    expect(can(itemRole([rule({ environment: 'sandbox' })]), 'm', null, 'x')).toBe(false);
  });
});
