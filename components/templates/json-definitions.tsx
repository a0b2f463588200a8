"use client";
import { inputClass } from "@/components/ui/fields";
import { type HttpMethod, httpMethods, type TemplateDraft } from "@/lib/templates/draft";

const code = `${inputClass} font-mono text-xs`;

/** An HTTP template: method and URL, headers one per line, a body, and the JSONata that makes rows. */
export function HttpDefinitionFields({
  value,
  onChange,
}: {
  value: TemplateDraft["http"];
  onChange: (value: TemplateDraft["http"]) => void;
}) {
  const set = (patch: Partial<TemplateDraft["http"]>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="space-y-3" aria-label="HTTP request">
      <p className="text-xs text-slate-500">
        Write <code className="font-mono">{"{{name}}"}</code> in the URL, a header or the body to make a
        parameter. Calls to internal addresses are refused unless an administrator allows the host.
      </p>
      <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2">
        <label className="text-sm font-medium">
          Method
          <select
            value={value.method}
            onChange={(event) => set({ method: event.target.value as HttpMethod })}
            className={inputClass}
          >
            {httpMethods.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          URL
          <input
            value={value.url}
            spellCheck={false}
            onChange={(event) => set({ url: event.target.value })}
            className={code}
          />
        </label>
      </div>
      <label className="block text-sm font-medium">
        Headers{" "}
        <span className="font-normal text-slate-500">
          — one per line, Name: value; values are stored encrypted, and a saved one shows as ••••••••, kept
          unless you replace it
        </span>
        <textarea
          value={value.headers}
          rows={2}
          spellCheck={false}
          placeholder="Accept: application/json"
          onChange={(event) => set({ headers: event.target.value })}
          className={code}
        />
      </label>
      {value.method !== "GET" && (
        <label className="block text-sm font-medium">
          Body
          <textarea
            value={value.body}
            rows={4}
            spellCheck={false}
            placeholder='{"query": "{{query}}"}'
            onChange={(event) => set({ body: event.target.value })}
            className={code}
          />
        </label>
      )}
      <label className="block text-sm font-medium">
        Rows{" "}
        <span className="font-normal text-slate-500">
          — JSONata over the response (status, headers, body) that makes it a table; empty for one row
        </span>
        <textarea
          value={value.rows}
          rows={2}
          spellCheck={false}
          placeholder="body.items"
          onChange={(event) => set({ rows: event.target.value })}
          className={code}
        />
      </label>
    </fieldset>
  );
}

/** A transform template: a JSONata expression, and a sample input (its parameters) to try it on. */
export function TransformDefinitionFields({
  value,
  onChange,
}: {
  value: TemplateDraft["transform"];
  onChange: (value: TemplateDraft["transform"]) => void;
}) {
  const set = (patch: Partial<TemplateDraft["transform"]>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="grid gap-3 md:grid-cols-2" aria-label="Transform">
      <label className="block text-sm font-medium">
        Expression <span className="font-normal text-slate-500">— JSONata over the parameters</span>
        <textarea
          value={value.expression}
          rows={8}
          spellCheck={false}
          onChange={(event) => set({ expression: event.target.value })}
          className={code}
        />
      </label>
      <label className="block text-sm font-medium">
        Sample input <span className="font-normal text-slate-500">— a value for each parameter</span>
        <textarea
          value={value.sample}
          rows={8}
          spellCheck={false}
          onChange={(event) => set({ sample: event.target.value })}
          className={code}
        />
      </label>
    </fieldset>
  );
}
