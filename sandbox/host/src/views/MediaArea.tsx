import { useState } from 'react';
import { useHost } from '../host';
import { paths } from '../router';
import type { RawUpload } from '../simApi';
import { useHostState } from '../store';
import { ActionsMenu } from './ActionsMenu';
import { Pagination } from './Pagination';
import { Thumbnail } from './Thumbnail';
import { useAsync } from './useAsync';

export const PAGE_SIZES = [24, 48, 96];

/** The Media Area: a grid of assets, multi-select, and the plugin's batch actions. */
export function MediaArea() {
  const { api, store } = useHost();
  const roleKey = useHostState(store, (s) => s.roleKey);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<ReadonlyMap<string, RawUpload>>(new Map());

  const uploads = useAsync(
    () => api.listUploads({ offset: page * pageSize, limit: pageSize, query }),
    `${page}:${pageSize}:${query}:${roleKey}:${reload}`,
  );

  const toggle = (upload: RawUpload, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(upload.id, upload);
    else next.delete(upload.id);
    setSelected(next);
  };

  const pageUploads = uploads.status === 'ready' ? uploads.value.data : [];
  const allOnPage = pageUploads.length > 0 && pageUploads.every((u) => selected.has(u.id));

  const selectPage = (on: boolean) => {
    const next = new Map(selected);
    for (const upload of pageUploads) {
      if (on) next.set(upload.id, upload);
      else next.delete(upload.id);
    }
    setSelected(next);
  };

  return (
    <section aria-labelledby="media-title" data-testid="media-area">
      <header className="view-header">
        <h1 id="media-title">Media Area</h1>
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setPage(0);
            setQuery(search.trim());
          }}
        >
          <label>
            <span className="visually-hidden">Search assets</span>
            <input
              type="search"
              placeholder="Search assets…"
              value={search}
              data-testid="media-search"
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
          <button type="submit" className="button button--muted">
            Search
          </button>
        </form>
      </header>
      <div className="toolbar">
        <label>
          <input
            type="checkbox"
            checked={allOnPage}
            disabled={pageUploads.length === 0}
            data-testid="media-select-page"
            onChange={(event) => selectPage(event.target.checked)}
          />{' '}
          Select all on this page
        </label>
        <span data-testid="media-selected-count">{selected.size} selected</span>
        <button
          type="button"
          className="button button--muted"
          disabled={selected.size === 0}
          data-testid="media-clear-selection"
          onClick={() => setSelected(new Map())}
        >
          Clear selection
        </button>
        <ActionsMenu
          surface="uploads"
          selection={[...selected.values()]}
          label="Batch actions"
          testId="media-actions"
        />
        <button
          type="button"
          className="button button--muted"
          data-testid="media-refresh"
          onClick={() => setReload((n) => n + 1)}
        >
          Refresh
        </button>
      </div>
      {uploads.status === 'loading' && <p className="muted">Loading assets…</p>}
      {uploads.status === 'error' && (
        <p role="alert" data-testid="media-error">
          Could not load assets: {uploads.message}
        </p>
      )}
      {uploads.status === 'ready' && (
        <>
          <p className="muted" data-testid="media-total">
            {uploads.value.total} assets
          </p>
          <ul className="grid" data-testid="media-grid">
            {uploads.value.data.map((upload) => {
              const filename = String(upload.attributes.filename ?? upload.id);
              const checked = selected.has(upload.id);
              return (
                <li
                  key={upload.id}
                  className={`card${checked ? ' card--selected' : ''}`}
                  data-testid="media-card"
                  data-upload-id={upload.id}
                >
                  <label className="card-select">
                    <input
                      type="checkbox"
                      checked={checked}
                      data-testid="media-card-checkbox"
                      onChange={(event) => toggle(upload, event.target.checked)}
                    />
                    <span className="visually-hidden">Select {filename}</span>
                  </label>
                  <Thumbnail upload={upload} />
                  <a href={`#${paths.upload(upload.id)}`} className="card-name" title={filename}>
                    {filename}
                  </a>
                </li>
              );
            })}
          </ul>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={uploads.value.total}
            pageSizes={PAGE_SIZES}
            onPage={setPage}
            onPageSize={(size) => {
              setPageSize(size);
              setPage(0);
            }}
            testId="media-pagination"
          />
        </>
      )}
    </section>
  );
}
