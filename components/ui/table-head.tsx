/** A table's header row, one cell a column (an empty name heads a column of buttons). */
export function TableHead({
  columns,
  className,
  cellClassName,
}: {
  columns: readonly string[];
  className: string;
  cellClassName: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((name, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; several may be unnamed.
          <th key={index} className={cellClassName}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
