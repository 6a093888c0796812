import { describe, expect, it } from 'vitest';
import { operatorsFor } from './fieldOperators';
import {
  EMPTY_CONDITION,
  EMPTY_RECORD_FILTER,
  conditionFor,
  incompleteField,
  scopeLocale,
  toItemFilter,
  type FieldCondition,
} from './recordScopeFilter';

const cond = (
  field: string,
  value: string,
  operator: FieldCondition['operator'] = 'matches',
): FieldCondition => ({ field, value, operator });
const fields = [
  { apiKey: 'title', label: 'Title', type: 'string', localized: true },
  { apiKey: 'price', label: 'Price', type: 'float' },
  { apiKey: 'slug', label: 'Slug', type: 'slug' },
  { apiKey: 'body', label: 'Body', type: 'text' },
  { apiKey: 'count', label: 'Count', type: 'integer' },
  { apiKey: 'tags', label: 'Tags', type: 'links', targets: ['t'] },
];

describe('operators per field type (itemInstancesHrefSchema)', () => {
  it('slug takes eq, neq, in and not_in only; text uses is_present, not the deprecated exists', () => {
    expect(operatorsFor('slug')).toEqual(['eq', 'neq', 'in', 'not_in']);
    expect(operatorsFor('text')).not.toContain('exists');
    expect(operatorsFor('string')).toContain('is_present');
    expect(operatorsFor('rich_text')).toEqual([]);
    expect(conditionFor(fields[2])).toEqual({ field: 'slug', operator: 'eq', value: '' });
  });

  it('an operator the field type does not take is never sent', () => {
    expect(
      toItemFilter(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('slug', 'x', 'matches')] },
        'm',
        fields,
      ).fields,
    ).toBeUndefined();
    expect(
      incompleteField({ ...EMPTY_RECORD_FILTER, conditions: [cond('slug', 'x')] }, fields),
    ).toBe(true);
  });
});

describe('record scope filter', () => {
  it('always names the model; adds status, text and a field condition', () => {
    expect(toItemFilter(EMPTY_RECORD_FILTER, 'm1', fields)).toEqual({ type: 'm1' });
    expect(
      toItemFilter(
        {
          ...EMPTY_RECORD_FILTER,
          status: 'draft',
          query: ' news ',
          conditions: [cond('title', 'x')],
        },
        'm1',
        fields,
      ),
    ).toEqual({
      type: 'm1',
      query: 'news',
      fields: {
        _status: { eq: 'draft' },
        title: { matches: { pattern: 'x', case_sensitive: false, regexp: false } },
      },
    });
    expect(
      toItemFilter(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('price', '9.5', 'eq')] },
        'm1',
        fields,
      ).fields,
    ).toEqual({ price: { eq: 9.5 } });
  });

  it('spells each operator as the schema does', () => {
    const one = (c: FieldCondition) =>
      toItemFilter({ ...EMPTY_RECORD_FILTER, conditions: [c] }, 'm', fields).fields;
    expect(one(cond('slug', ' a, b ,', 'in'))).toEqual({ slug: { in: ['a', 'b'] } });
    expect(one(cond('slug', 'a', 'neq'))).toEqual({ slug: { neq: 'a' } });
    expect(one(cond('body', '', 'is_present'))).toEqual({ body: { is_present: true } });
    expect(one(cond('body', '', 'is_blank'))).toEqual({ body: { is_blank: true } });
    expect(one(cond('body', 'x', 'not_matches'))).toEqual({
      body: { not_matches: { pattern: 'x', case_sensitive: false, regexp: false } },
    });
    expect(one(cond('price', '3', 'gte'))).toEqual({ price: { gte: 3 } });
    expect(one(cond('price', 'false', 'exists'))).toEqual({ price: { exists: false } });
    expect(one(cond('tags', 'r1', 'any_in'))).toEqual({ tags: { any_in: ['r1'] } });
    // An integer field refuses 2.5.
    expect(one(cond('count', '2.5', 'eq'))).toBeUndefined();
  });

  it('several conditions must all hold; rows without a field are ignored', () => {
    expect(
      toItemFilter(
        {
          ...EMPTY_RECORD_FILTER,
          conditions: [cond('title', 'x'), EMPTY_CONDITION, cond('price', '3', 'eq')],
        },
        'm1',
        fields,
      ).fields,
    ).toEqual({
      title: { matches: { pattern: 'x', case_sensitive: false, regexp: false } },
      price: { eq: 3 },
    });
  });

  it('a chosen field without a value is incomplete, not ignored', () => {
    expect(
      incompleteField({ ...EMPTY_RECORD_FILTER, conditions: [cond('title', '')] }, fields),
    ).toBe(true);
    expect(
      incompleteField(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('title', 'ok'), cond('price', 'abc', 'eq')] },
        fields,
      ),
    ).toBe(true);
    expect(
      incompleteField(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('body', '', 'is_present'), EMPTY_CONDITION] },
        fields,
      ),
    ).toBe(false);
  });

  it('sends the locale only when a text search or a localized field needs it', () => {
    const withLocale = { ...EMPTY_RECORD_FILTER, locale: 'fr' };
    expect(scopeLocale(withLocale, fields)).toBeUndefined();
    expect(scopeLocale({ ...withLocale, query: 'x' }, fields)).toBe('fr');
    expect(scopeLocale({ ...withLocale, conditions: [cond('title', 'x')] }, fields)).toBe('fr');
    expect(scopeLocale({ ...withLocale, conditions: [cond('price', '1', 'eq')] }, fields)).toBe(
      undefined,
    );
  });
});
