/** Every link to a set of records inside one record, its blocks included (at any depth). */
import type { RawEntity } from '../../cma/fetchByIds';
import { relId } from '../../cma/relationships';
import type { LinkField } from '../../operations/shared/records/linkFields';
import type { Reference } from '../../operations/shared/records/reference';

function isBlock(value: unknown): value is RawEntity {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as RawEntity;
  return v.type === 'item' && typeof v.attributes === 'object' && !!relId(v, 'item_type');
}

/** Record ids a link field value holds (structured text: its itemLink / inlineItem nodes). */
function linkedIds(value: unknown, type: LinkField['type']): string[] {
  if (type === 'link') return typeof value === 'string' && value ? [value] : [];
  if (type === 'links')
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { type?: unknown; item?: unknown; children?: unknown; document?: unknown };
    if ((n.type === 'itemLink' || n.type === 'inlineItem') && typeof n.item === 'string')
      out.push(n.item);
    walk(n.document);
    walk(n.children);
  };
  walk(value);
  return out;
}

/** Values of a field: one per locale when localized. */
function perLocale(value: unknown, localized: boolean): unknown[] {
  if (!localized) return [value];
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : [];
}

/**
 * Every link to `targets` in a record, its blocks included (walked at any depth, in every field:
 * modular content arrays, single blocks, structured-text block nodes).
 */
export function scanRecord(
  entity: RawEntity,
  fields: ReadonlyMap<string, LinkField>,
  targets: ReadonlySet<string>,
): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  const visit = (ownerId: string, attributes: Record<string, unknown>) => {
    for (const [apiKey, value] of Object.entries(attributes)) {
      const field = fields.get(`${ownerId}:${apiKey}`);
      if (field)
        for (const v of perLocale(value, field.localized)) {
          const ids = linkedIds(v, field.type);
          for (const target of new Set(ids))
            if (targets.has(target) && target !== entity.id) {
              const key = `${target}:${field.id}`;
              if (seen.has(key)) continue;
              seen.add(key);
              out.push({
                referrer: entity.id,
                target,
                field,
                others: ids.filter((id) => id !== target),
              });
            }
        }
      walkBlocks(value);
    }
  };
  const walkBlocks = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walkBlocks);
    if (isBlock(value)) return visit(relId(value, 'item_type')!, value.attributes ?? {});
    for (const v of Object.values(value)) walkBlocks(v);
  };
  visit(relId(entity, 'item_type') ?? '', entity.attributes ?? {});
  return out;
}
