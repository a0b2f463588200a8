"use client";
import { type FormEvent, useEffect, useState } from "react";
import { globalSpecs, startingValue, typeOfValue } from "@/components/canvas/global-specs";
import { inputClass, ParameterInput } from "@/components/ui/fields";
import { type ValueType, valueTypes } from "@/lib/value-types";
import { useEditor, useEditorStore } from "./editor-context";

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The composition's global parameters as a form: one row per parameter (its type is that of the
 * template parameters it feeds, or of its value), a row to add one, and "Edit as JSON" — whose text
 * is applied only when it is a valid JSON object; until then the editor refuses to save.
 */
export function GlobalParameters() {
  const store = useEditorStore();
  const globals = useEditor((state) => state.settings.globalParameters);
  const templateIds = useEditor((state) => state.nodes.map((node) => node.data.templateId).join(" "));
  const specs = globalSpecs(globals, templateIds.split(" "), store.getState().templates.values());
  const [asJson, setAsJson] = useState(false);
  const update = (next: Record<string, unknown>) =>
    store.getState().updateSettings({ globalParameters: next }, "globals");

  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between">
        <span className="text-xs font-medium">Global parameters</span>
        <button
          type="button"
          onClick={() => setAsJson(!asJson)}
          className="text-xs text-indigo-700 hover:underline"
        >
          {asJson ? "Edit as form" : "Edit as JSON"}
        </button>
      </div>
      <p className="text-[11px] text-slate-500">
        A node parameter of the same name takes this value unless it is mapped or set on the node.
      </p>
      {asJson ? (
        <JsonEditor value={globals} onApply={update} onDone={() => setAsJson(false)} />
      ) : (
        <>
          {Object.keys(globals).length === 0 && <p className="text-xs text-slate-500">None yet.</p>}
          <ul className="space-y-2">
            {Object.entries(globals).map(([name, value]) => {
              const spec = specs[name] ?? {
                name,
                type: typeOfValue(value),
                required: false,
                description: "",
              };
              return (
                <li key={name}>
                  <div className="flex items-baseline justify-between text-xs">
                    <span className="font-mono font-medium">{name}</span>
                    <span className="text-slate-500">
                      {spec.type}
                      <button
                        type="button"
                        aria-label={`Remove ${name}`}
                        title={`Remove ${name}`}
                        onClick={() => {
                          const { [name]: _, ...rest } = globals;
                          update(rest);
                        }}
                        className="ml-2 text-slate-500 hover:text-red-700"
                      >
                        ×
                      </button>
                    </span>
                  </div>
                  <ParameterInput
                    label={`Global ${name}`}
                    spec={{ ...spec, required: false }}
                    value={value ?? undefined}
                    placeholder="no value"
                    onChange={(next) => update({ ...globals, [name]: next ?? null })}
                  />
                  {spec.description && <p className="text-[11px] text-slate-500">{spec.description}</p>}
                </li>
              );
            })}
          </ul>
          <AddGlobal
            taken={globals}
            onAdd={(name, type) =>
              update({
                ...globals,
                [name]: startingValue(
                  name,
                  type,
                  templateIds.split(" "),
                  store.getState().templates.values(),
                ),
              })
            }
          />
        </>
      )}
    </div>
  );
}

function AddGlobal({
  taken,
  onAdd,
}: {
  taken: Record<string, unknown>;
  onAdd: (name: string, type: ValueType) => void;
}) {
  const [name, setName] = useState("");
  const [type, setType] = useState<ValueType>("string");
  const [error, setError] = useState<string | null>(null);
  // A nested <form> is not allowed inside the settings' fieldset form tree, so Enter is handled here.
  const add = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) {
      return setError("A name starts with a lowercase letter and has only a–z, 0–9 and _.");
    }
    if (trimmed in taken) return setError(`"${trimmed}" already exists.`);
    onAdd(trimmed, type);
    setName("");
    setError(null);
  };
  return (
    <div className="rounded-md bg-slate-50 p-1.5">
      <div className="grid grid-cols-[1fr_6rem_auto] gap-1">
        <input
          aria-label="New global parameter"
          placeholder="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === "Enter" && add(event)}
          className={`${inputClass} font-mono`}
        />
        <select
          aria-label="Type of the new global parameter"
          value={type}
          onChange={(event) => setType(event.target.value as ValueType)}
          className={inputClass}
        >
          {valueTypes.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => add()}
          className="rounded-md border border-slate-300 bg-white px-2 text-xs font-medium hover:bg-slate-100"
        >
          Add
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-0.5 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The JSON text of the parameters; Apply takes it only when it is a JSON object. */
function JsonEditor({
  value,
  onApply,
  onDone,
}: {
  value: Record<string, unknown>;
  onApply: (value: Record<string, unknown>) => void;
  onDone: () => void;
}) {
  const store = useEditorStore();
  const applied = JSON.stringify(value, null, 2);
  const [text, setText] = useState(applied);
  const parsed = parseObject(text);
  const pending = text !== applied;
  useEffect(() => {
    store
      .getState()
      .setUnapplied(
        pending
          ? "the Global parameters JSON is not applied yet: apply it (it must be valid) or cancel."
          : null,
      );
  }, [pending, store]);
  useEffect(() => () => store.getState().setUnapplied(null), [store]);
  return (
    <div className="space-y-1">
      <textarea
        aria-label="Global parameters as JSON"
        value={text}
        rows={Math.min(14, Math.max(4, text.split("\n").length))}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        className={`${inputClass} font-mono text-xs`}
      />
      {"error" in parsed && pending && (
        <p role="alert" className="text-xs text-red-700">
          {parsed.error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          disabled={!pending || "error" in parsed}
          onClick={() => {
            if ("value" in parsed) onApply(parsed.value);
            onDone();
          }}
          className="rounded-md bg-slate-900 px-2 py-1 text-xs font-medium text-white disabled:opacity-40"
        >
          Apply
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
        >
          {pending ? "Cancel" : "Close"}
        </button>
      </div>
    </div>
  );
}

function parseObject(text: string): { value: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = text.trim() ? JSON.parse(text) : {};
  } catch (caught) {
    return { error: `Not valid JSON: ${(caught as Error).message}` };
  }
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? { value: value as Record<string, unknown> }
    : { error: 'Global parameters must be a JSON object: { "name": value, … }.' };
}
