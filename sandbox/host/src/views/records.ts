import type { RawField, RawItem, RawItemType } from '../simApi';

/** Fields of a model, in position order. */
export function fieldsOf(
  fields: Readonly<Record<string, RawField>>,
  itemTypeId: string,
): RawField[] {
  return Object.values(fields)
    .filter((f) => (f.relationships?.item_type?.data as { id?: string } | null)?.id === itemTypeId)
    .sort((a, b) => Number(a.attributes.position ?? 0) - Number(b.attributes.position ?? 0));
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const first = Object.values(value as Record<string, unknown>)[0];
    if (typeof first === 'string') return first;
  }
  return JSON.stringify(value);
}

/** The record's title: the model's title field, else its first text field, else its id. */
export function recordTitle(item: RawItem, itemType: RawItemType | undefined, fields: RawField[]) {
  const titleFieldId = (itemType?.relationships?.title_field?.data as { id?: string } | null)?.id;
  const titleField =
    fields.find((f) => f.id === titleFieldId) ??
    fields.find((f) => ['string', 'text'].includes(String(f.attributes.field_type)));
  const value = titleField ? display(item.attributes[String(titleField.attributes.api_key)]) : '';
  return value || `Record #${item.id}`;
}

export function recordStatus(item: RawItem): string {
  return String(item.meta?.status ?? 'draft');
}
