/** A column header that sorts its table: a button with the USWDS sort arrows, and `aria-sort` on the active one. */
export function SortableHeader<Column extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  className,
}: {
  column: Column;
  label: React.ReactNode;
  sort: Column;
  order: 'asc' | 'desc';
  onSort: (column: Column) => void;
  className?: string;
}) {
  const active = column === sort;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={className}
    >
      <button type="button" className="ssos-sort-button" onClick={() => onSort(column)}>
        {label}
        <SortIcon state={active ? order : 'none'} />
      </button>
    </th>
  );
}

/** The USWDS table-sort arrows: up (ascending), down (descending), or both (not sorted). */
function SortIcon({ state }: { state: 'asc' | 'desc' | 'none' }) {
  return (
    <svg className="ssos-sort-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {state === 'none' ? (
        <polygon points="15.17 15 13 17.17 13 6.83 15.17 9 16.58 7.59 12 3 7.41 7.59 8.83 9 11 6.83 11 17.17 8.83 15 7.42 16.41 12 21 16.59 16.41 15.17 15" />
      ) : (
        <path
          transform={state === 'asc' ? 'rotate(180, 12, 12)' : undefined}
          d="M17 17L15.59 15.59L12.9999 18.17V2H10.9999V18.17L8.41 15.58L7 17L11.9999 22L17 17Z"
        />
      )}
    </svg>
  );
}
