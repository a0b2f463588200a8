import { cellText } from "@/components/format-number";

/** The rows of a preview as a plain table (at most 100: no paging or virtualising needed). */
export function PreviewTable({
  columns,
  rows,
}: {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-white">
      <table aria-label="Preview rows" className="w-full text-left text-xs">
        <thead className="sticky top-0 bg-slate-50 text-slate-500">
          <tr>
            {columns.map((column) => (
              <th key={column.name} className="px-2 py-1 font-medium">
                {column.name} <span className="font-normal text-slate-400">{column.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their order
            <tr key={index} className="border-t border-slate-100">
              {columns.map((column) => (
                <td
                  key={column.name}
                  title={String(row[column.name] ?? "")}
                  className="px-2 py-1 whitespace-nowrap"
                >
                  {cellText(row[column.name], column.type, column.name)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
