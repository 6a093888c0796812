/**
 * Walking and rewriting a record's field values, blocks included: assets used (file, gallery),
 * record links (link, links, structured-text itemLink/inlineItem) and the blocks held by
 * rich_text, single_block and structured_text fields, at any depth. Values are never mutated in
 * place: rewrites return new objects, so published snapshots stay intact.
 * Shapes: datocms/agent-skills `block-records-and-modular-content.md`, `localization.md`.
 */
import type { Store } from './store';
import type { BlockValue, DastNode, FieldRec, FileValue, StructuredTextValue } from './types';

export type ContentVisitor = {
  upload?(uploadId: string, field: FieldRec): void;
  /** A link to a record, held by `field` (a field of the record's model or of a block model). */
  link?(targetId: string, field: FieldRec): void;
  block?(block: BlockValue, field: FieldRec): void;
};

export function isFileValue(value: unknown): value is FileValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { upload_id?: unknown }).upload_id === 'string'
  );
}

export function isBlockValue(value: unknown): value is BlockValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { item_type?: unknown }).item_type === 'string' &&
    typeof (value as { attributes?: unknown }).attributes === 'object'
  );
}

function isStructuredText(value: unknown): value is StructuredTextValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { document?: unknown }).document === 'object'
  );
}

/** The per-locale values of a field (one value when not localized). */
export function localeValues(field: FieldRec, value: unknown): unknown[] {
  if (!field.localized) return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value as Record<string, unknown>);
}

/** Visits everything a record (or block) of `itemTypeId` holds in `attributes`. */
export function walkContent(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
  visitor: ContentVisitor,
): void {
  for (const field of store.fieldsOf(itemTypeId)) {
    for (const value of localeValues(field, attributes[field.apiKey])) {
      walkValue(store, field, value, visitor);
    }
  }
}

function walkValue(store: Store, field: FieldRec, value: unknown, visitor: ContentVisitor): void {
  switch (field.fieldType) {
    case 'file':
      if (isFileValue(value)) visitor.upload?.(value.upload_id, field);
      return;
    case 'gallery':
      if (Array.isArray(value))
        for (const entry of value) if (isFileValue(entry)) visitor.upload?.(entry.upload_id, field);
      return;
    case 'link':
      if (typeof value === 'string') visitor.link?.(value, field);
      return;
    case 'links':
      if (Array.isArray(value))
        for (const id of value) if (typeof id === 'string') visitor.link?.(id, field);
      return;
    case 'rich_text':
      if (Array.isArray(value)) for (const block of value) walkBlock(store, field, block, visitor);
      return;
    case 'single_block':
      walkBlock(store, field, value, visitor);
      return;
    case 'structured_text':
      if (isStructuredText(value)) walkDast(store, field, value.document, visitor);
      return;
    default:
      return;
  }
}

function walkBlock(store: Store, field: FieldRec, block: unknown, visitor: ContentVisitor): void {
  if (!isBlockValue(block)) return;
  visitor.block?.(block, field);
  walkContent(store, block.item_type, block.attributes, visitor);
}

function walkDast(store: Store, field: FieldRec, node: DastNode, visitor: ContentVisitor): void {
  if ((node.type === 'block' || node.type === 'inlineBlock') && isBlockValue(node.item)) {
    walkBlock(store, field, node.item, visitor);
  }
  if ((node.type === 'itemLink' || node.type === 'inlineItem') && typeof node.item === 'string') {
    visitor.link?.(node.item, field);
  }
  for (const child of node.children ?? []) walkDast(store, field, child, visitor);
}

/** Every block held by the attributes, at any depth, with the field holding it. */
export function blocksOf(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
): { block: BlockValue; field: FieldRec }[] {
  const out: { block: BlockValue; field: FieldRec }[] = [];
  walkContent(store, itemTypeId, attributes, {
    block: (block, field) => out.push({ block, field }),
  });
  return out;
}

/**
 * Removes the links to `targetId` held by the fields in `fieldIds` (link → null, links → dropped
 * from the array, structured-text inlineItem dropped and itemLink unwrapped), at any depth.
 * Returns the same object when nothing changed.
 */
export function removeLinks(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
  targetId: string,
  fieldIds: ReadonlySet<string>,
): Record<string, unknown> {
  let out = attributes;
  for (const field of store.fieldsOf(itemTypeId)) {
    const value = attributes[field.apiKey];
    const next = field.localized
      ? mapLocales(value, (entry) => rewriteValue(store, field, entry, targetId, fieldIds))
      : rewriteValue(store, field, value, targetId, fieldIds);
    if (next !== value) {
      if (out === attributes) out = { ...attributes };
      out[field.apiKey] = next;
    }
  }
  return out;
}

function mapLocales(value: unknown, map: (entry: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [locale, entry] of Object.entries(value as Record<string, unknown>)) {
    const next = map(entry);
    if (next !== entry) {
      out ??= { ...(value as Record<string, unknown>) };
      out[locale] = next;
    }
  }
  return out ?? value;
}

function rewriteValue(
  store: Store,
  field: FieldRec,
  value: unknown,
  targetId: string,
  fieldIds: ReadonlySet<string>,
): unknown {
  const own = fieldIds.has(field.id);
  switch (field.fieldType) {
    case 'link':
      return own && value === targetId ? null : value;
    case 'links':
      return own && Array.isArray(value) && value.includes(targetId)
        ? value.filter((id) => id !== targetId)
        : value;
    case 'rich_text': {
      if (!Array.isArray(value)) return value;
      const next = value.map((block) => rewriteBlock(store, block, targetId, fieldIds));
      return next.some((block, index) => block !== value[index]) ? next : value;
    }
    case 'single_block':
      return rewriteBlock(store, value, targetId, fieldIds);
    case 'structured_text': {
      if (!isStructuredText(value)) return value;
      const [document] = rewriteDast(store, value.document, targetId, fieldIds, own);
      return document === value.document ? value : { ...value, document };
    }
    default:
      return value;
  }
}

function rewriteBlock(
  store: Store,
  block: unknown,
  targetId: string,
  fieldIds: ReadonlySet<string>,
): unknown {
  if (!isBlockValue(block)) return block;
  const attributes = removeLinks(store, block.item_type, block.attributes, targetId, fieldIds);
  return attributes === block.attributes ? block : { ...block, attributes };
}

/** Returns the nodes that replace `node` (itemLinks unwrap into their children). */
function rewriteDast(
  store: Store,
  node: DastNode,
  targetId: string,
  fieldIds: ReadonlySet<string>,
  ownLinks: boolean,
): DastNode[] {
  if (ownLinks && node.item === targetId) {
    if (node.type === 'inlineItem') return [];
    if (node.type === 'itemLink') return node.children ?? [];
  }
  let current = node;
  if ((node.type === 'block' || node.type === 'inlineBlock') && isBlockValue(node.item)) {
    const item = rewriteBlock(store, node.item, targetId, fieldIds);
    if (item !== node.item) current = { ...node, item: item as BlockValue };
  }
  if (current.children) {
    const children = current.children.flatMap((child) =>
      rewriteDast(store, child, targetId, fieldIds, ownLinks),
    );
    const same =
      children.length === current.children.length &&
      children.every((child, index) => child === current.children?.[index]);
    if (!same) current = { ...current, children };
  }
  return [current];
}

/** The plain text of a structured-text value (its spans), for search and `matches`. */
export function dastText(value: unknown): string {
  if (!isStructuredText(value)) return '';
  const parts: string[] = [];
  const visit = (node: DastNode): void => {
    if (node.type === 'span' && typeof node.value === 'string') parts.push(node.value);
    for (const child of node.children ?? []) visit(child);
  };
  visit(value.document);
  return parts.join(' ');
}
