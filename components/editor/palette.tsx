"use client";
import { useReactFlow } from "@xyflow/react";
import { useMemo, useState } from "react";
import { KindBadge } from "@/components/ui/kind-badge";
import { SearchInput } from "@/components/ui/search-input";
import type { TemplateResponse } from "@/lib/templates/schema";
import { groupTemplates } from "@/lib/templates/search";
import { TEMPLATE_DRAG_TYPE } from "./editor-canvas";
import { useEditorStore } from "./editor-context";

/** The templates to add: search, grouped by category; drag one onto the canvas or click to add it. */
export function Palette({ templates }: { templates: TemplateResponse[] }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const [search, setSearch] = useState("");
  const groups = useMemo(
    () =>
      groupTemplates(
        templates.filter((template) => template.isActive),
        search,
      ),
    [templates, search],
  );

  function add(templateId: string) {
    // Clicked templates land in the middle of what is on screen, each a little below the last.
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const offset = (store.getState().nodes.length % 6) * 30;
    store
      .getState()
      .addNode(
        templateId,
        { x: Math.round(centre.x - 128 + offset), y: Math.round(centre.y - 40 + offset) },
        true,
      );
  }

  return (
    <aside aria-label="Templates" className="flex min-h-0 w-full flex-col border-r border-slate-200">
      <div className="border-b border-slate-200 p-2">
        <SearchInput
          label="Search templates"
          value={search}
          onValueChange={setSearch}
          placeholder="Search templates"
          className="w-full"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {groups.size === 0 && <p className="p-2 text-sm text-slate-500">No template matches “{search}”.</p>}
        {[...groups].map(([category, items]) => (
          <section key={category} className="mb-3">
            <h3 className="mb-1 px-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
              {category}
            </h3>
            <ul className="space-y-1">
              {items.map((template) => (
                <li key={template.templateId}>
                  <button
                    type="button"
                    draggable
                    data-testid={`palette-${template.templateId}`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(TEMPLATE_DRAG_TYPE, template.templateId);
                      event.dataTransfer.effectAllowed = "copy";
                    }}
                    onClick={() => add(template.templateId)}
                    title={`${template.description}\nDrag onto the canvas, or click to add.`}
                    className="flex w-full cursor-grab items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left text-sm hover:border-indigo-300 hover:bg-indigo-50"
                  >
                    <span className="truncate">{template.name}</span>
                    <KindBadge kind={template.kind} />
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
