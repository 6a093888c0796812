/**
 * The in-memory project and the indexes derived from it. Record mutations call `itemsChanged()`
 * so the cached indexes (asset usage, record references, tree children), which depend on records
 * only, are rebuilt lazily; asset and collection changes leave them valid.
 */
import { blocksOf, dastText, walkContent } from './content';
import type {
  BlockValue,
  CollectionRec,
  FieldRec,
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
  /** Site locales of this environment; the first is the main locale. */
  locales: string[] = ['en'];
  /**
   * How long a record write takes to reach the text-search index (`filter[query]`): "runs
   * against a search index that lags writes by ~30 seconds" (agent-skills
   * filtering-and-pagination.md). Set by the simulator.
   */
  searchLagMs = 0;
  /**
   * The project's plan has workflows (an Enterprise feature): when false, models answer no
   * workflow, records no stage, and workflow endpoints refuse. Set by the simulator.
   */
  workflowsEnabled = true;
  /** Per record: the texts the index holds, by locale, each visible from `visibleAt`. */
  private search: Map<string, SearchEntry[]> | null = null;

  /** Derived from records only; kept up to date per changed record (see itemsChanged). */
  private index: RecordIndex | null = null;
  private readonly dirty = new Set<string>();
  private counters = { upload: 0, item: 0, tag: 0, block: 0 };
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
    copy.locales = [...this.locales];
    copy.searchLagMs = this.searchLagMs;
    copy.workflowsEnabled = this.workflowsEnabled;
    copy.search = this.search ? structuredClone(this.search) : null;
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
    if (this.search) this.queueSearch(ids ?? [...this.items.keys()]);
  }

  /** Indexes every record now, visible at once (seed data was indexed long ago). */
  initSearchIndex(): void {
    this.search = new Map();
    for (const item of this.items.values()) {
      this.search.set(item.id, [{ text: this.searchableText(item), visibleAt: 0 }]);
    }
  }

  /** Makes every pending index update visible now (POST /__sim/search/reindex). */
  flushSearchIndex(): void {
    if (!this.search) return;
    for (const [id, entries] of this.search) {
      const last = entries[entries.length - 1];
      if (last) this.search.set(id, [{ text: last.text, visibleAt: 0 }]);
    }
  }

  /** The text the search index holds for a record in a locale now; null if not indexed yet. */
  indexedText(itemId: string, locale: string, now = Date.now()): string | null {
    const entries = this.search?.get(itemId);
    if (!entries)
      return this.search ? null : (this.searchableText(this.items.get(itemId))[locale] ?? '');
    let visible: SearchEntry | undefined;
    for (const entry of entries) if (entry.visibleAt <= now) visible = entry;
    return visible ? (visible.text[locale] ?? '') : null;
  }

  private queueSearch(ids: readonly string[]): void {
    const search = this.search as Map<string, SearchEntry[]>;
    const visibleAt = Date.now() + this.searchLagMs;
    for (const id of ids) {
      const item = this.items.get(id);
      if (!item) {
        search.delete(id);
        continue;
      }
      const text = this.searchableText(item);
      const entries = search.get(id) ?? [];
      const last = entries[entries.length - 1];
      if (last && JSON.stringify(last.text) === JSON.stringify(text)) continue;
      // Keep what can still be served: the newest entry visible now, and the pending ones.
      const now = Date.now();
      const pending = entries.filter((entry) => entry.visibleAt > now);
      const visible = entries.filter((entry) => entry.visibleAt <= now).at(-1);
      const kept = visible ? [visible, ...pending] : pending;
      search.set(id, [...kept, { text, visibleAt }]);
    }
  }

  /** Text of the record's string, text, slug and structured-text fields, per locale. */
  private searchableText(item: ItemRec | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!item) return out;
    for (const locale of this.locales) {
      const parts: string[] = [];
      for (const field of this.fieldsOf(item.itemTypeId)) {
        if (!['string', 'text', 'slug', 'structured_text'].includes(field.fieldType)) continue;
        const raw = item.attributes[field.apiKey];
        const value = field.localized ? (raw as Record<string, unknown> | null)?.[locale] : raw;
        const text = field.fieldType === 'structured_text' ? dastText(value) : value;
        if (typeof text === 'string' && text !== '') parts.push(text);
      }
      out[locale] = parts.join('\n');
    }
    return out;
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

  /** Blocks get ids from their own sequence (`b00001…`), so record ids stay as they were. */
  nextBlockId(): string {
    this.counters.block++;
    return `b${String(this.counters.block).padStart(5, '0')}`;
  }

  get mainLocale(): string {
    return this.locales[0] ?? 'en';
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

  /**
   * Required fields left empty in the current version (a localized one in any site locale, as
   * models have `all_locales_required`), blocks included; empty means the record is valid.
   */
  validationErrors(item: ItemRec): ValidationError[] {
    return this.requiredErrors(item.itemTypeId, item.attributes);
  }

  requiredErrors(itemTypeId: string, attributes: Record<string, unknown>): ValidationError[] {
    const errors = this.ownRequiredErrors(itemTypeId, attributes);
    for (const { block } of blocksOf(this, itemTypeId, attributes)) {
      errors.push(...this.ownRequiredErrors(block.item_type, block.attributes));
    }
    return errors;
  }

  private ownRequiredErrors(
    itemTypeId: string,
    attributes: Record<string, unknown>,
  ): ValidationError[] {
    const errors: ValidationError[] = [];
    for (const field of this.fieldsOf(itemTypeId)) {
      if (!field.required) continue;
      const value = attributes[field.apiKey];
      const blank = field.localized
        ? this.locales.some((locale) =>
            isBlank((value as Record<string, unknown> | null | undefined)?.[locale]),
          )
        : isBlank(value);
      if (blank)
        errors.push({ field: field.apiKey, field_id: field.id, code: 'VALIDATION_REQUIRED' });
    }
    return errors;
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

  /** Ids of records linking to the record (link/links fields, blocks included, any version). */
  referrersOf(itemId: string): string[] {
    return [...(this.recordIndex().referrers.get(itemId) ?? [])];
  }

  /**
   * The fields of `referrer`'s given version that hold a link to `targetId`: fields of its model
   * or of the block models inside it.
   */
  linkingFields(referrer: ItemRec, targetId: string, version: 'current' | 'published'): FieldRec[] {
    const attributes = version === 'current' ? referrer.attributes : referrer.publishedAttributes;
    if (!attributes) return [];
    const fields = new Map<string, FieldRec>();
    walkContent(this, referrer.itemTypeId, attributes, {
      link: (id, field) => {
        if (id === targetId) fields.set(field.id, field);
      },
    });
    return [...fields.values()];
  }

  /** A block by id, with the record holding it (in its current version). */
  findBlock(blockId: string): { block: BlockValue; ownerId: string } | undefined {
    return this.recordIndex().blocks.get(blockId);
  }

  /** Every block of a block model, in the current versions of records. */
  blocksOfModel(itemTypeId: string): { block: BlockValue; ownerId: string }[] {
    return [...this.recordIndex().blocks.values()].filter(
      (entry) => entry.block.item_type === itemTypeId,
    );
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
      this.index = {
        usage: new Map(),
        referrers: new Map(),
        children: new Map(),
        blocks: new Map(),
        refs: new Map(),
      };
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
      previous.blocks.forEach((blockId) => index.blocks.delete(blockId));
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
    for (const block of blocksOf(this, item.itemTypeId, item.attributes)) {
      index.blocks.set(block.block.id, { block: block.block, ownerId: id });
      refs.blocks.push(block.block.id);
    }
    if (refs.parent) add(index.children, refs.parent);
  }

  private referencesOf(item: ItemRec): RecordRefs {
    const uploads = new Set<string>();
    const items = new Set<string>();
    const versions = item.publishedAttributes
      ? [item.attributes, item.publishedAttributes]
      : [item.attributes];
    for (const values of versions) {
      walkContent(this, item.itemTypeId, values, {
        upload: (uploadId) => uploads.add(uploadId),
        link: (targetId) => items.add(targetId),
      });
    }
    items.delete(item.id);
    const parent = item.attributes.parent_id;
    return { uploads, items, blocks: [], parent: typeof parent === 'string' ? parent : null };
  }
}

type SearchEntry = { text: Record<string, string>; visibleAt: number };

type RecordRefs = {
  uploads: Set<string>;
  items: Set<string>;
  blocks: string[];
  parent: string | null;
};

type RecordIndex = {
  usage: Map<string, Set<string>>;
  referrers: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
  blocks: Map<string, { block: BlockValue; ownerId: string }>;
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
