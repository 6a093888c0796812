import { describe, expect, it } from 'vitest';
import { parseModel } from './recordModel';

describe('parseModel', () => {
  it('keeps the fields in position order, with the linked models of link fields', () => {
    const model = parseModel(
      { id: 'm1', type: 'item_type', attributes: { name: 'Article', draft_mode_active: true } },
      [
        {
          id: 'f2',
          type: 'field',
          attributes: {
            api_key: 'author',
            label: 'Author',
            field_type: 'link',
            position: 2,
            validators: { item_item_type: { item_types: ['it-author'] } },
          },
        },
        {
          id: 'f1',
          type: 'field',
          attributes: { api_key: 'title', label: 'Title', field_type: 'string', position: 1 },
        },
        {
          id: 'f3',
          type: 'field',
          attributes: {
            api_key: 'related',
            label: 'Related',
            field_type: 'links',
            position: 3,
            validators: { items_item_type: { item_types: ['it-a', 'it-b'] } },
          },
        },
      ],
      null,
    );
    expect(model.fields).toEqual([
      { apiKey: 'title', label: 'Title', type: 'string' },
      { apiKey: 'author', label: 'Author', type: 'link', targets: ['it-author'] },
      { apiKey: 'related', label: 'Related', type: 'links', targets: ['it-a', 'it-b'] },
    ]);
  });
});
