import type { InputHTMLAttributes } from "react";

/** A search field: labelled for assistive technology by `label`, cleared with Escape by the browser. */
export function SearchInput({
  label,
  value,
  onValueChange,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type"> & {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
}) {
  return (
    <input
      type="search"
      aria-label={label}
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
      className={`rounded-md border border-slate-300 px-3 py-1.5 text-sm ${className}`}
      {...props}
    />
  );
}
