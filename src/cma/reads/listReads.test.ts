import { describe, expect, it } from 'vitest';
import { orderFor, queryParams } from './listReads';

describe('list reads', () => {
  it('orders records only with a single filter[type], assets always', () => {
    expect(orderFor('items', { type: 'm1' })).toBe('id_ASC');
    expect(orderFor('items', { type: 'm1,m2' })).toBeUndefined();
    expect(orderFor('items', { ids: 'a,b' })).toBeUndefined();
    expect(orderFor('uploads', { ids: 'a,b' })).toBe('_created_at_ASC');
  });

  it('sends the locale at the top level, nested and version for records', () => {
    expect(
      queryParams('items', { filter: { type: 'm' }, locale: 'fr', nested: true }, 30, 30),
    ).toEqual({
      filter: { type: 'm' },
      page: { offset: 30, limit: 30 },
      order_by: 'id_ASC',
      locale: 'fr',
      version: 'current',
      nested: true,
    });
    expect(queryParams('items', { filter: { type: 'm' }, orderBy: null }, 0, 1)).not.toHaveProperty(
      'order_by',
    );
  });
});
