import { describe, expect, it } from 'vitest';
import { canMoveBetweenStages } from './stagePermissions';

type Rule = { action: string; [key: string]: unknown };
const role = (positive: Rule[], negative: Rule[] = []) => ({
  meta: {
    final_permissions: {
      positive_item_type_permissions: positive,
      negative_item_type_permissions: negative,
    },
  },
});
const rule = (extra: object): Rule => ({ action: 'move_to_stage', environment: 'main', ...extra });

describe('canMoveBetweenStages', () => {
  it('an unbound rule allows every move; a stage-bound rule only its own', () => {
    expect(canMoveBetweenStages(role([rule({})]), 'main', 'm', 'drafting', 'approved')).toBe(true);
    const reviewer = role([rule({ on_stage: 'in_review', to_stage: 'approved' })]);
    expect(canMoveBetweenStages(reviewer, 'main', 'm', 'in_review', 'approved')).toBe(true);
    expect(canMoveBetweenStages(reviewer, 'main', 'm', 'drafting', 'approved')).toBe(false);
    expect(canMoveBetweenStages(reviewer, 'main', 'm', 'in_review', 'archived')).toBe(false);
  });
  it('negative rules win, per model and environment', () => {
    const r = role([{ action: 'all' }], [rule({ to_stage: 'archived', item_type: 'm' })]);
    expect(canMoveBetweenStages(r, 'main', 'm', 'approved', 'archived')).toBe(false);
    expect(canMoveBetweenStages(r, 'main', 'other', 'approved', 'archived')).toBe(true);
    expect(canMoveBetweenStages(r, 'main', 'm', 'approved', 'drafting')).toBe(true);
    expect(
      canMoveBetweenStages(role([rule({ environment: 'sandbox' })]), 'main', 'm', null, 'x'),
    ).toBe(false);
    expect(canMoveBetweenStages({}, 'main', 'm', null, 'x')).toBe(false);
  });
});
