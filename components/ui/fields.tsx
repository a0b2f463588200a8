"use client";
import { type InputHTMLAttributes, type KeyboardEvent, type ReactNode, useEffect, useState } from "react";
import type { ParameterSpec } from "@/lib/templates/types";

export const inputClass =
  "nodrag w-full rounded-md border border-slate-300 px-2 py-1 text-sm disabled:cursor-not-allowed disabled:border-slate-200 disabled:bg-slate-50 disabled:text-slate-600";

/** An input with its label's text above it, in one <label> so that clicking the text focuses it. */
export function LabeledInput({
  label,
  className,
  inputClassName = inputClass,
  ...input
}: { label: ReactNode; className?: string; inputClassName?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "className"
>) {
  return (
    <label className={className}>
      {label}
      <input {...input} className={inputClassName} />
    </label>
  );
}

/** A list of values as removable chips, with an input that adds one on Enter or comma. */
export function ChipsInput({
  label,
  values,
  onChange,
  parse = (text) => text,
}: {
  label: string;
  values: unknown[];
  onChange: (values: unknown[]) => void;
  /** Turns typed text into a value; returning undefined refuses it. */
  parse?: (text: string) => unknown;
}) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Backspace" && !draft && values.length) onChange(values.slice(0, -1));
    if (event.key !== "Enter" && event.key !== ",") return;
    event.preventDefault();
    if (!draft.trim()) return;
    const value = parse(draft.trim());
    if (value === undefined) return setError(`“${draft.trim()}” is not a valid value here.`);
    setError(null);
    onChange([...values, value]);
    setDraft("");
  }
  return (
    <div>
      <div className="flex flex-wrap items-center gap-1 rounded-md border border-slate-300 px-1.5 py-1">
        {values.map((value, index) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: chips may repeat a value; position is their identity
            key={index}
            className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs"
          >
            {String(value)}
            <button
              type="button"
              aria-label={`Remove ${String(value)}`}
              onClick={() => onChange(values.filter((_, i) => i !== index))}
              className="text-slate-500 hover:text-red-600"
            >
              ×
            </button>
          </span>
        ))}
        <input
          aria-label={label}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={values.length ? "" : "Type, then Enter"}
          className="nodrag min-w-16 flex-1 text-sm outline-none"
        />
      </div>
      {error && <p className="mt-0.5 text-xs text-red-700">{error}</p>}
    </div>
  );
}

/** JSON edited as text; applied when it parses, with the parse error shown while it does not. */
export function JsonInput({
  label,
  value,
  onChange,
  rows = 4,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  rows?: number;
}) {
  const shown = value === undefined ? "" : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // Undo, redo or another editor changed the value: show it.
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);
  return (
    <div>
      <textarea
        aria-label={label}
        value={text}
        rows={rows}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = event.target.value.trim() ? JSON.parse(event.target.value) : undefined;
            setError(null);
            if (JSON.stringify(parsed) !== JSON.stringify(value)) onChange(parsed);
          } catch (caught) {
            setError((caught as Error).message);
          }
        }}
        className={`${inputClass} font-mono text-xs`}
      />
      {error && <p className="mt-0.5 text-xs text-red-700">Not valid JSON yet: {error}</p>}
    </div>
  );
}

const numberOrUndefined = (text: string) =>
  text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Number(text);

/** The input a parameter's type calls for; `undefined` means "not set here". */
export function ParameterInput({
  spec,
  value,
  placeholder,
  onChange,
  label = `Parameter ${spec.name}`,
}: {
  spec: ParameterSpec;
  value: unknown;
  placeholder: string;
  onChange: (value: unknown) => void;
  label?: string;
}) {
  if (spec.enum) {
    return (
      <select
        aria-label={label}
        value={value === undefined ? "" : String(value)}
        onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        className={inputClass}
      >
        <option value="">{placeholder || "— not set —"}</option>
        {spec.enum.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  switch (spec.type) {
    case "boolean":
      return (
        <select
          aria-label={label}
          value={value === undefined ? "" : String(value)}
          onChange={(event) =>
            onChange(event.target.value === "" ? undefined : event.target.value === "true")
          }
          className={inputClass}
        >
          <option value="">{placeholder || "— not set —"}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    case "number":
    case "integer":
      return (
        <input
          aria-label={label}
          type="number"
          min={spec.min}
          max={spec.max}
          step={spec.type === "integer" ? 1 : "any"}
          value={typeof value === "number" ? value : ""}
          placeholder={placeholder}
          onChange={(event) => onChange(numberOrUndefined(event.target.value))}
          className={inputClass}
        />
      );
    case "date":
    case "datetime":
      return (
        <input
          aria-label={label}
          type={spec.type === "date" ? "date" : "datetime-local"}
          value={typeof value === "string" ? value.slice(0, spec.type === "date" ? 10 : 16) : ""}
          onChange={(event) => onChange(event.target.value || undefined)}
          className={inputClass}
        />
      );
    case "string[]":
    case "number[]":
    case "integer[]":
      return (
        <ChipsInput
          label={label}
          values={Array.isArray(value) ? value : []}
          onChange={(values) => onChange(values.length ? values : undefined)}
          parse={
            spec.type === "string[]"
              ? (text) => text
              : (text) => {
                  const number = numberOrUndefined(text);
                  return spec.type === "integer[]" && number !== undefined && !Number.isInteger(number)
                    ? undefined
                    : number;
                }
          }
        />
      );
    case "json":
      return <JsonInput label={label} value={value} onChange={onChange} rows={3} />;
    default:
      return (
        <input
          aria-label={label}
          value={typeof value === "string" ? value : ""}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
          className={inputClass}
        />
      );
  }
}
