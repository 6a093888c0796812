import { inParallel } from './lanes';

/**
 * A scope, after the Up API's `selection`: explicit ids ∪ queries, each query with its own
 * exclude list. Resolving it yields a frozen, deduplicated id list with an exact count.
 */
export const MAX_SELECTION_IDS = 100_000;
/** The list endpoints' maximum page size. */
export const LIST_PAGE_LIMIT = 500;

export type SelectionQuery = {
  /** Passed as `filter` to GET /uploads or /items (e.g. {type, query, fields}). */
  readonly filter: Readonly<Record<string, unknown>>;
  /** Ids matched by this query that must be left out. */
  readonly exclude?: readonly string[];
};

export type Selection = {
  readonly resource: 'uploads' | 'items';
  readonly ids?: readonly string[];
  readonly queries?: readonly SelectionQuery[];
};

export type SelectionErrorCode = 'EMPTY_SELECTION' | 'TOO_MANY_IDS';

export class SelectionError extends Error {
  readonly code: SelectionErrorCode;
  readonly count: number | undefined;
  constructor(code: SelectionErrorCode, message: string, count?: number) {
    super(message);
    this.name = 'SelectionError';
    this.code = code;
    this.count = count;
  }
}

export type FrozenSelection = {
  /** Existing ids, deduplicated, in selection order. */
  readonly ids: readonly string[];
  /** Explicit ids that no longer exist: they end as skipped (not found). */
  readonly notFound: readonly string[];
  /** ids.length + notFound.length. */
  readonly count: number;
};

/** What resolution needs from the CMA (implemented over the real client in run.ts). */
export type SelectionSource = {
  listPage(
    filter: Readonly<Record<string, unknown>>,
    offset: number,
    limit: number,
  ): Promise<{ ids: string[]; total: number }>;
  /** The subset of `ids` that exist. */
  existing(ids: readonly string[]): Promise<Set<string>>;
};

export type ResolveOptions = {
  readonly maxIds?: number;
  /** Pages fetched in parallel; the rate budget still gates every request. */
  readonly pageConcurrency?: number;
  /** Wraps each request (the engine passes its retry policy). */
  readonly retry?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Look explicit ids up now (one request per 200) so missing ones are known before the run.
   * The engine turns this off: each chunk is re-read anyway (snapshot or reconciliation), which
   * finds missing ids without the extra requests, and they still end as skipped (NOT_FOUND).
   */
  readonly checkExplicitIds?: boolean;
};

function tooMany(count: number, max: number): SelectionError {
  return new SelectionError(
    'TOO_MANY_IDS',
    `The selection holds ${count.toLocaleString('en')} items; at most ${max.toLocaleString('en')} can be processed in one run. Narrow the filter.`,
    count,
  );
}

export function validateSelection(selection: Selection, maxIds = MAX_SELECTION_IDS): void {
  const explicit = new Set(selection.ids ?? []);
  if (explicit.size === 0 && (selection.queries ?? []).length === 0)
    throw new SelectionError('EMPTY_SELECTION', 'Nothing is selected.');
  if (explicit.size > maxIds) throw tooMany(explicit.size, maxIds);
}

export async function resolveSelection(
  selection: Selection,
  source: SelectionSource,
  options: ResolveOptions = {},
): Promise<FrozenSelection> {
  const maxIds = options.maxIds ?? MAX_SELECTION_IDS;
  const concurrency = options.pageConcurrency ?? 4;
  const retry = options.retry ?? (<T>(fn: () => Promise<T>) => fn());
  validateSelection(selection, maxIds);

  const explicit = [...new Set(selection.ids ?? [])];
  const lookups: (() => Promise<Set<string>>)[] = [];
  const check = options.checkExplicitIds ?? true;
  for (let i = 0; check && i < explicit.length; i += 200) {
    const batch = explicit.slice(i, i + 200);
    lookups.push(() => retry(() => source.existing(batch)));
  }
  const existingSets = await inParallel(lookups, concurrency);
  const existing = new Set<string>();
  for (const s of existingSets) for (const id of s) existing.add(id);

  const ordered = new Set<string>();
  const notFound: string[] = [];
  for (const id of explicit) {
    if (!check || existing.has(id)) ordered.add(id);
    else notFound.push(id);
  }

  for (const query of selection.queries ?? []) {
    const exclude = new Set(query.exclude ?? []);
    const page = (offset: number) =>
      retry(() => source.listPage(query.filter, offset, LIST_PAGE_LIMIT));
    const first = await page(0);
    // Fail before fetching every page when the count alone is over the limit.
    if (first.total - exclude.size > maxIds) throw tooMany(first.total - exclude.size, maxIds);
    const seen = new Set<string>();
    const readRest = async (total: number, from: number) => {
      const pages = [];
      for (let offset = from; offset < total; offset += LIST_PAGE_LIMIT)
        pages.push(() => page(offset));
      return inParallel(pages, concurrency);
    };
    const take = (p: { ids: string[] }) => {
      for (const id of p.ids) {
        seen.add(id);
        if (!exclude.has(id)) ordered.add(id);
      }
    };
    take(first);
    for (const p of await readRest(first.total, LIST_PAGE_LIMIT)) take(p);
    // Offset paging over an order with ties (assets: no unique sortable column), or over items
    // deleted meanwhile, can skip some: one more pass fills the gaps the count reveals.
    if (seen.size < first.total) {
      const again = await page(0);
      take(again);
      for (const p of await readRest(again.total, LIST_PAGE_LIMIT)) take(p);
    }
    if (ordered.size > maxIds) throw tooMany(ordered.size, maxIds);
  }

  if (ordered.size + notFound.length === 0)
    throw new SelectionError('EMPTY_SELECTION', 'The selection matches no items.', 0);
  const ids = Object.freeze([...ordered]);
  return Object.freeze({
    ids,
    notFound: Object.freeze(notFound),
    count: ids.length + notFound.length,
  });
}
