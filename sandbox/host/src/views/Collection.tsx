import { useMemo, useState } from 'react';
import { useHost } from '../host';
import { paths } from '../router';
import type { RawItem } from '../simApi';
import { useHostState } from '../store';
import { ActionsMenu } from './ActionsMenu';
import { Pagination } from './Pagination';
import { fieldsOf, recordStatus, recordTitle } from './records';
import { useAsync } from './useAsync';

const PAGE_SIZES = [25, 50, 100];
const STATUSES = ['', 'draft', 'updated', 'published'];

/** A model's record collection: table, status column and filter, multi-select, batch actions. */
export function Collection({ itemTypeId }: { itemTypeId: string }) {
  const { api, store } = useHost();
  const itemTypes = useHostState(store, (s) => s.itemTypes);
  const allFields = useHostState(store, (s) => s.fields);
  const roleKey = useHostState(store, (s) => s.roleKey);
  const itemType = itemTypes.find((t) => t.id === itemTypeId);
  const fields = useMemo(() => fieldsOf(allFields, itemTypeId), [allFields, itemTypeId]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const [status, setStatus] = useState('');
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<ReadonlyMap<string, RawItem>>(new Map());

  const items = useAsync(
    () =>
      api.listItems({
        itemTypeId,
        offset: page * pageSize,
        limit: pageSize,
        status: status || undefined,
      }),
    `${itemTypeId}:${page}:${pageSize}:${status}:${roleKey}:${reload}`,
  );

  if (!itemType) {
    return (
      <p role="alert" data-testid="collection-missing">
        No model with id {itemTypeId}.
      </p>
    );
  }

  const rows = items.status === 'ready' ? items.value.data : [];
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const setMany = (list: readonly RawItem[], on: boolean) => {
    const next = new Map(selected);
    for (const item of list) {
      if (on) next.set(item.id, item);
      else next.delete(item.id);
    }
    setSelected(next);
  };
  const name = String(itemType.attributes.name ?? itemType.id);

  return (
    <section
      aria-labelledby="collection-title"
      data-testid="collection"
      data-item-type-id={itemTypeId}
    >
      <header className="view-header">
        <h1 id="collection-title">{name}</h1>
        <label>
          Status{' '}
          <select
            value={status}
            data-testid="collection-status-filter"
            onChange={(event) => {
              setStatus(event.target.value);
              setPage(0);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="toolbar">
        <span data-testid="collection-selected-count">{selected.size} selected</span>
        <button
          type="button"
          className="button button--muted"
          disabled={selected.size === 0}
          data-testid="collection-clear-selection"
          onClick={() => setSelected(new Map())}
        >
          Clear selection
        </button>
        <ActionsMenu
          surface="items"
          itemType={itemType}
          selection={[...selected.values()]}
          label="Batch actions"
          testId="collection-actions"
        />
        <button
          type="button"
          className="button button--muted"
          data-testid="collection-refresh"
          onClick={() => setReload((n) => n + 1)}
        >
          Refresh
        </button>
      </div>
      {items.status === 'loading' && <p className="muted">Loading records…</p>}
      {items.status === 'error' && (
        <p role="alert" data-testid="collection-error">
          Could not load records: {items.message}
        </p>
      )}
      {items.status === 'ready' && (
        <>
          <p className="muted" data-testid="collection-total">
            {items.value.total} records
          </p>
          <table className="table" data-testid="collection-table">
            <thead>
              <tr>
                <th scope="col">
                  <label>
                    <input
                      type="checkbox"
                      checked={allOnPage}
                      disabled={rows.length === 0}
                      data-testid="collection-select-page"
                      onChange={(event) => setMany(rows, event.target.checked)}
                    />
                    <span className="visually-hidden">Select all on this page</span>
                  </label>
                </th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">ID</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => {
                const title = recordTitle(item, itemType, fields);
                const itemStatus = recordStatus(item);
                return (
                  <tr key={item.id} data-testid="collection-row" data-item-id={item.id}>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          checked={selected.has(item.id)}
                          data-testid="collection-row-checkbox"
                          onChange={(event) => setMany([item], event.target.checked)}
                        />
                        <span className="visually-hidden">Select {title}</span>
                      </label>
                    </td>
                    <td>
                      <a href={`#${paths.record(itemTypeId, item.id)}`}>{title}</a>
                    </td>
                    <td>
                      <span
                        className={`status status--${itemStatus}`}
                        data-testid="collection-row-status"
                      >
                        {itemStatus}
                      </span>
                    </td>
                    <td>{item.id}</td>
                    <td>{String(item.meta?.updated_at ?? '')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={items.value.total}
            pageSizes={PAGE_SIZES}
            onPage={setPage}
            onPageSize={(size) => {
              setPageSize(size);
              setPage(0);
            }}
            testId="collection-pagination"
          />
        </>
      )}
    </section>
  );
}
