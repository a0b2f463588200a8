"use client";
import { useEditor, useEditorStore } from "./editor-context";
import { ChipsInput, inputClass } from "./fields";
import { GlobalParameters } from "./global-parameters";

/** Shown while nothing is selected: the composition's name, description, tags, visibility, globals. */
export function SettingsForm({ readOnly }: { readOnly: boolean }) {
  const store = useEditorStore();
  const settings = useEditor((state) => state.settings);
  const update = store.getState().updateSettings;
  return (
    <fieldset disabled={readOnly} aria-label="Composition settings" className="space-y-3 text-sm">
      <h2 className="text-sm font-semibold">Composition</h2>
      <label className="block">
        <span className="text-xs font-medium">Name</span>
        <input
          value={settings.name}
          onChange={(event) => update({ name: event.target.value }, "name")}
          className={inputClass}
        />
      </label>
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
      {settings.compositionId && (
        <p className="font-mono text-[11px] text-slate-500">{settings.compositionId}</p>
      )}
    </fieldset>
  );
}
