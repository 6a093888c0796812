/**
 * The in-memory project and the indexes derived from it. Record mutations call `itemsChanged()`
 * so the cached indexes (asset usage, record references, tree children), which depend on records
 * only, are rebuilt lazily; asset and collection changes leave them valid.
 */
import type {
  CollectionRec,
  FieldRec,
  FileValue,
  ItemRec,
  ItemTypeRec,
  UploadRec,
  WorkflowRec,
} from './types';

export type ValidationError = { field: string; field_id: string; code: string };

export class Store {
  readonly uploads = new Map<string, UploadRec>();
  readonly collections = new Map<string, CollectionRec>();
  readonly itemTypes = new Map<string, ItemTypeRec>();
  readonly fields = new Map<string, FieldRec>();
  readonly workflows = new Map<string, WorkflowRec>();
  readonly items = new Map<string, ItemRec>();
  /** Upload tags in creation order; DatoCMS keeps a tag once it has been used. */
  readonly tags = new Map<string, { id: string; name: string }>();
  /** Environment meta `last_data_change_at`: the last record or asset write. */
  lastDataChangeAt: string | null = null;

  /** Derived from records only; kept up to date per changed record (see itemsChanged). */
  private index: RecordIndex | null = null;
  private readonly dirty = new Set<string>();
  private counters = { upload: 0, item: 0, tag: 0 };
  private fieldCache: { size: number; byType: Map<string, FieldRec[]> } | null = null;

  /**
   * A deep copy with the same ids and separate data from now on: what an environment fork gives
   * ("Immutable IDs during environment fork"). Derived indexes are rebuilt lazily in the copy.
   */
  fork(): Store {
    const copy = new Store();
    const cloneInto = <V>(from: Map<string, V>, to: Map<string, V>) => {
      for (const [key, value] of from) to.set(key, structuredClone(value));
    };
    cloneInto(this.uploads, copy.uploads);
    cloneInto(this.collections, copy.collections);
    cloneInto(this.itemTypes, copy.itemTypes);
    cloneInto(this.fields, copy.fields);
    cloneInto(this.workflows, copy.workflows);
    cloneInto(this.items, copy.items);
    cloneInto(this.tags, copy.tags);
    copy.counters = { ...this.counters };
    copy.lastDataChangeAt = this.lastDataChangeAt;
    return copy;
  }

  /**
   * Records were created, edited, (un)published or deleted. With ids, only their index entries
   * are redone (bulk jobs stay fast); without, the whole index is rebuilt on next read.
   */
  itemsChanged(ids?: readonly string[]): void {
    this.touch();
    if (!ids) this.index = null;
    else for (const id of ids) this.dirty.add(id);
  }

  /** Records that project data changed now (assets call it directly; records via itemsChanged). */
  touch(): void {
    this.lastDataChangeAt = new Date().toISOString();
  }

  nextUploadId(): string {
    this.counters.upload++;
    return `u${String(this.counters.upload).padStart(5, '0')}`;
  }

  nextItemId(): string {
    this.counters.item++;
    return `r${String(this.counters.item).padStart(5, '0')}`;
  }

  ensureTag(name: string): void {
    if (this.tags.has(name)) return;
    this.counters.tag++;
    this.tags.set(name, { id: `tag${String(this.counters.tag).padStart(3, '0')}`, name });
  }

  /** A model by id or api_key. */
  findItemType(ref: string): ItemTypeRec | undefined {
    const byId = this.itemTypes.get(ref);
    if (byId) return byId;
    for (const itemType of this.itemTypes.values()) if (itemType.apiKey === ref) return itemType;
    return undefined;
  }

  fieldsOf(itemTypeId: string): FieldRec[] {
    // Fields only change while seeding, so the grouping is rebuilt only when their count changes.
    if (!this.fieldCache || this.fieldCache.size !== this.fields.size) {
      const byType = new Map<string, FieldRec[]>();
      for (const field of this.fields.values()) {
        const list = byType.get(field.itemTypeId) ?? [];
        list.push(field);
        byType.set(field.itemTypeId, list);
      }
      for (const list of byType.values()) list.sort((a, b) => a.position - b.position);
      this.fieldCache = { size: this.fields.size, byType };
    }
    return this.fieldCache.byType.get(itemTypeId) ?? [];
  }

  /** Required fields left empty in the current version; empty means the record is invalid. */
  validationErrors(item: ItemRec): ValidationError[] {
    return this.fieldsOf(item.itemTypeId)
      .filter((field) => field.required && isBlank(item.attributes[field.apiKey]))
      .map((field) => ({ field: field.apiKey, field_id: field.id, code: 'VALIDATION_REQUIRED' }));
  }

  isValid(item: ItemRec): boolean {
    return this.validationErrors(item).length === 0;
  }

  /** Ids of records whose current or published version uses the asset. */
  usedBy(uploadId: string): string[] {
    return [...(this.recordIndex().usage.get(uploadId) ?? [])];
  }

  isInUse(uploadId: string): boolean {
    return (this.recordIndex().usage.get(uploadId)?.size ?? 0) > 0;
  }

  /** Ids of records linking to the record (link/links fields, any version). */
  referrersOf(itemId: string): string[] {
    return [...(this.recordIndex().referrers.get(itemId) ?? [])];
  }

  /** Ids of the tree record's direct children. */
  childrenOf(itemId: string): string[] {
    return [...(this.recordIndex().children.get(itemId) ?? [])];
  }

  parentOf(item: ItemRec): ItemRec | undefined {
    const parentId = item.attributes.parent_id;
    return typeof parentId === 'string' ? this.items.get(parentId) : undefined;
  }

  /** Collection ids in display order: depth-first, siblings by position. */
  orderedCollections(): CollectionRec[] {
    const byParent = new Map<string | null, CollectionRec[]>();
    for (const collection of this.collections.values()) {
      const list = byParent.get(collection.parentId) ?? [];
      list.push(collection);
      byParent.set(collection.parentId, list);
    }
    const out: CollectionRec[] = [];
    const visit = (parentId: string | null): void => {
      const siblings = (byParent.get(parentId) ?? []).sort(
        (a, b) => a.position - b.position || a.id.localeCompare(b.id),
      );
      for (const collection of siblings) {
        out.push(collection);
        visit(collection.id);
      }
    };
    visit(null);
    return out;
  }

  childCollections(id: string): CollectionRec[] {
    return [...this.collections.values()]
      .filter((collection) => collection.parentId === id)
      .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  }

  private recordIndex(): RecordIndex {
    if (!this.index) {
      this.index = { usage: new Map(), referrers: new Map(), children: new Map(), refs: new Map() };
      for (const item of this.items.values()) this.indexRecord(this.index, item.id);
      this.dirty.clear();
    } else if (this.dirty.size > 0) {
      for (const id of this.dirty) this.indexRecord(this.index, id);
      this.dirty.clear();
    }
    return this.index;
  }

  /** Replaces one record's entries in the index with what it references now. */
  private indexRecord(index: RecordIndex, id: string): void {
    const previous = index.refs.get(id);
    if (previous) {
      previous.uploads.forEach((uploadId) => index.usage.get(uploadId)?.delete(id));
      previous.items.forEach((itemId) => index.referrers.get(itemId)?.delete(id));
      if (previous.parent) index.children.get(previous.parent)?.delete(id);
      index.refs.delete(id);
    }
    const item = this.items.get(id);
    if (!item) return;
    const refs = this.referencesOf(item);
    index.refs.set(id, refs);
    const add = (map: Map<string, Set<string>>, key: string): void => {
      const set = map.get(key);
      if (set) set.add(id);
      else map.set(key, new Set([id]));
    };
    refs.uploads.forEach((uploadId) => add(index.usage, uploadId));
    refs.items.forEach((itemId) => add(index.referrers, itemId));
    if (refs.parent) add(index.children, refs.parent);
  }

  private referencesOf(item: ItemRec): RecordRefs {
    const uploads = new Set<string>();
    const items = new Set<string>();
    const versions = item.publishedAttributes
      ? [item.attributes, item.publishedAttributes]
      : [item.attributes];
    for (const field of this.fieldsOf(item.itemTypeId)) {
      for (const values of versions) {
        const value = values[field.apiKey];
        if (field.fieldType === 'file' && isFileValue(value)) uploads.add(value.upload_id);
        if (field.fieldType === 'gallery' && Array.isArray(value)) {
          for (const entry of value) if (isFileValue(entry)) uploads.add(entry.upload_id);
        }
        if (field.fieldType === 'link' && typeof value === 'string') items.add(value);
        if (field.fieldType === 'links' && Array.isArray(value)) {
          for (const linked of value) if (typeof linked === 'string') items.add(linked);
        }
      }
    }
    items.delete(item.id);
    const parent = item.attributes.parent_id;
    return { uploads, items, parent: typeof parent === 'string' ? parent : null };
  }
}

type RecordRefs = { uploads: Set<string>; items: Set<string>; parent: string | null };

type RecordIndex = {
  usage: Map<string, Set<string>>;
  referrers: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
  refs: Map<string, RecordRefs>;
};

export function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isFileValue(value: unknown): value is FileValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { upload_id?: unknown }).upload_id === 'string'
  );
}
