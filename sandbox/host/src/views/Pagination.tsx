type Props = {
  page: number;
  pageSize: number;
  total: number;
  pageSizes: readonly number[];
  onPage(page: number): void;
  onPageSize(size: number): void;
  testId: string;
};

export function Pagination({
  page,
  pageSize,
  total,
  pageSizes,
  onPage,
  onPageSize,
  testId,
}: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label="Pagination" data-testid={testId}>
      <button
        type="button"
        className="button button--muted"
        disabled={page === 0}
        data-testid={`${testId}-prev`}
        onClick={() => onPage(page - 1)}
      >
        ← Previous
      </button>
      <span data-testid={`${testId}-page`}>
        Page {page + 1} of {pages}
      </span>
      <button
        type="button"
        className="button button--muted"
        disabled={page + 1 >= pages}
        data-testid={`${testId}-next`}
        onClick={() => onPage(page + 1)}
      >
        Next →
      </button>
      <label>
        Per page{' '}
        <select
          value={pageSize}
          data-testid={`${testId}-size`}
          onChange={(event) => onPageSize(Number(event.target.value))}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
