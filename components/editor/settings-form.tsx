"use client";
import { ChipsInput, inputClass, LabeledInput } from "@/components/ui/fields";
import { useEditor, useEditorStore } from "./editor-context";
import { GlobalParameters } from "./global-parameters";

/** Shown while nothing is selected: the composition's name, description, tags, visibility, globals. */
export function SettingsForm({ readOnly }: { readOnly: boolean }) {
  const store = useEditorStore();
  const settings = useEditor((state) => state.settings);
  const update = store.getState().updateSettings;
  return (
    <fieldset disabled={readOnly} aria-label="Composition settings" className="space-y-3 text-sm">
      <h2 className="text-sm font-semibold">Composition</h2>
      <LabeledInput
        label={<span className="text-xs font-medium">Name</span>}
        className="block"
        value={settings.name}
        onChange={(event) => update({ name: event.target.value }, "name")}
      />
      <label className="block">
        <span className="text-xs font-medium">Description</span>
        <textarea
          value={settings.description}
          rows={3}
          onChange={(event) => update({ description: event.target.value }, "description")}
          className={inputClass}
        />
      </label>
      <div>
        <span className="text-xs font-medium">Tags</span>
        <ChipsInput
          label="Tags"
          values={settings.tags}
          onChange={(tags) => update({ tags: [...new Set(tags.map((tag) => String(tag).toLowerCase()))] })}
        />
      </div>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={settings.isPublic}
          onChange={(event) => update({ isPublic: event.target.checked })}
        />
        Public: everyone signed in can see, run and duplicate it
      </label>
      <GlobalParameters />
      <ConcurrencyFields />
      {settings.compositionId && (
        <p className="font-mono text-[11px] text-slate-500">{settings.compositionId}</p>
      )}
    </fieldset>
  );
}

/** How many runs of the composition may be in progress at once, and what a run past that does. */
function ConcurrencyFields() {
  const store = useEditorStore();
  const run = useEditor((state) => state.settings.settings);
  const set = (patch: Partial<typeof run>, field?: string) =>
    store.getState().updateSettings({ settings: { ...run, ...patch } }, field);
  return (
    <div className="space-y-1.5">
      <LabeledInput
        label={<span className="text-xs font-medium">Runs at a time</span>}
        className="block"
        type="number"
        min={1}
        max={1000}
        value={run.concurrencyLimit ?? ""}
        placeholder="no limit"
        onChange={(event) =>
          set(
            {
              concurrencyLimit:
                event.target.value === "" ? null : Math.max(1, Math.round(Number(event.target.value))),
            },
            "concurrencyLimit",
          )
        }
      />
      {run.concurrencyLimit !== null && (
        <label className="block">
          <span className="text-xs font-medium">When that many are running, a new run</span>
          <select
            value={run.concurrencyPolicy}
            onChange={(event) =>
              set({ concurrencyPolicy: event.target.value as typeof run.concurrencyPolicy })
            }
            className={inputClass}
          >
            <option value="queue">waits for a slot (first come, first served)</option>
            <option value="refuse">is refused</option>
          </select>
        </label>
      )}
    </div>
  );
}
