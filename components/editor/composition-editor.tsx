"use client";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ButtonHTMLAttributes, useCallback, useMemo, useState } from "react";
import { FindingsPanel } from "@/components/canvas/findings-panel";
import { globalSpecs } from "@/components/canvas/global-specs";
import { ImportButton } from "@/components/compositions/import-button";
import { RunDialog } from "@/components/executions/run-dialog";
import { NotificationsDialog } from "@/components/notifications/rules-dialog";
import { ScheduleDialog } from "@/components/schedules/schedule-dialog";
import { WebhooksDialog } from "@/components/triggers/webhooks-dialog";
import type { CompositionResponse } from "@/lib/compositions/document";
import { type CompositionDocument, EXPORT_FORMAT } from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import { plural } from "@/lib/plural";
import { duplicateComposition } from "@/lib/queries/compositions";
import type { TemplateResponse } from "@/lib/templates/schema";
import { ConflictDialog } from "./conflict-dialog";
import { EditorCanvas } from "./editor-canvas";
import { EditorProvider, useEditor, useEditorStore } from "./editor-context";
import { HistoryMenu } from "./history-menu";
import { Inspector } from "./inspector";
import { MappingEditor } from "./mapping-editor";
import { Palette } from "./palette";
import { SettingsForm } from "./settings-form";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { createEditorStore, type EditorState, toDocument } from "./store";
import { useLeaveWarning } from "./use-leave-warning";
import { useLiveValidation } from "./use-live-validation";
import { useSave } from "./use-save";
import { useShortcuts } from "./use-shortcuts";

const EMPTY: CompositionDocument = {
  name: "Untitled composition",
  description: "",
  tags: [],
  isPublic: false,
  globalParameters: {},
  settings: { concurrencyLimit: null, concurrencyPolicy: "queue" },
  nodes: [],
  connections: [],
  viewport: { x: 0, y: 0, zoom: 1 },
};

/** The editor for a saved composition, or (`composition` null) a new one. */
export function CompositionEditor({
  composition,
  templates,
  olderTemplates = [],
}: {
  composition: CompositionResponse | null;
  templates: TemplateResponse[];
  /** Older versions of templates the composition's nodes are pinned to. */
  olderTemplates?: TemplateResponse[];
}) {
  const [store] = useState(() =>
    createEditorStore({
      document: composition ?? EMPTY,
      findings: composition?.issues ?? [],
      nodeOutputs: composition?.nodeOutputs,
      templates,
      olderTemplates,
    }),
  );
  return (
    <ReactFlowProvider>
      <EditorProvider store={store}>
        <Editor composition={composition} templates={templates} />
      </EditorProvider>
    </ReactFlowProvider>
  );
}

/** What the side panel edits: one node, one connection, several things, or the composition. */
function selection(state: EditorState): string {
  const nodes = state.nodes.filter((node) => node.selected);
  const edges = state.edges.filter((edge) => edge.selected);
  if (nodes.length === 1 && !edges.length) return `node:${nodes[0]!.id}`;
  if (edges.length === 1 && !nodes.length) return `edge:${edges[0]!.id}`;
  if (nodes.length || edges.length) return `many:${nodes.length}:${edges.length}`;
  return "none";
}

/** A toolbar button: tighter than the house Button, so that the toolbar fits an 800-px window. */
function ToolButton({ className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={`rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 ${className}`}
      {...props}
    />
  );
}

function Editor({
  composition,
  templates,
}: {
  composition: CompositionResponse | null;
  templates: TemplateResponse[];
}) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const router = useRouter();
  const readOnly = composition !== null && !composition.canEdit;
  const saver = useSave(store, { id: composition?.id ?? null, version: composition?.version ?? 0 });
  const unapplied = useEditor((state) => state.unapplied !== null);
  const dirty = useEditor((state) => state.id !== state.savedId) || unapplied;
  const name = useEditor((state) => state.settings.name);
  const globals = useEditor((state) => state.settings.globalParameters);
  const compositionId = useEditor((state) => state.settings.compositionId);
  const isPublic = useEditor((state) => state.settings.isPublic);
  const findings = useEditor((state) => state.findings);
  const notice = useEditor((state) => state.notice);
  const canUndo = useEditor((state) => state.past.length > 0);
  const canRedo = useEditor((state) => state.future.length > 0);
  const selected = useEditor(selection);
  const nodeCount = useEditor((state) => state.nodes.length);
  // A string, so dragging (new node objects, same templates) does not re-render the editor.
  const templateIds = useEditor((state) =>
    [...new Set(state.nodes.map((node) => node.data.templateId))].join(" "),
  );
  const specs = useMemo(
    () => globalSpecs(globals, templateIds.split(" "), templates),
    [globals, templateIds, templates],
  );
  const [importError, setImportError] = useState<string | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const openShortcuts = useCallback(() => setShowShortcuts(true), []);
  useShortcuts(store, { save: saver.save, readOnly, showHelp: openShortcuts });
  useLiveValidation(store, !readOnly);
  const leaveDialog = useLeaveWarning(dirty);

  function focus(finding: Finding) {
    const edge = finding.connectionId && store.getState().edges.find((e) => e.id === finding.connectionId);
    const nodeIds = edge
      ? [edge.source, edge.target]
      : finding.nodeId
        ? [finding.nodeId]
        : (finding.path ?? []);
    store.getState().select(edge ? { edges: [edge.id] } : { nodes: nodeIds });
    void flow.fitView({ nodes: nodeIds.map((id) => ({ id })), duration: 300, maxZoom: 1.25 });
  }

  function exportFile() {
    const document = toDocument(store.getState(), flow.getViewport());
    const file = {
      format: EXPORT_FORMAT,
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      composition: document,
    };
    const link = Object.assign(window.document.createElement("a"), {
      href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" })),
      download: `${document.compositionId ?? "composition"}.queryflow.json`,
    });
    link.click();
    // Revoked a moment later: the browser reads the blob after this handler returns.
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  async function duplicate() {
    const copy = await duplicateComposition(composition!.id);
    router.push(`/compositions/${copy.compositionId}`);
  }

  const id = saver.target.current.id;
  const blockedReason = !id
    ? "Save the composition before running it."
    : dirty
      ? "Save your changes before running."
      : findings.length
        ? `Fix the ${findings.length === 1 ? "finding" : `${findings.length} findings`} before running.`
        : null;
  const status = saver.saving
    ? "Saving…"
    : unapplied
      ? "● Unsaved: JSON not applied"
      : dirty
        ? "● Unsaved changes"
        : id
          ? "All changes saved"
          : "Not saved yet";

  return (
    // The canvas wants the whole window's width, not the page column's.
    <div className="relative left-1/2 flex h-[calc(100vh-7.5rem)] min-h-[520px] w-[calc(100vw-3rem)] -translate-x-1/2 flex-col gap-3">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href="/compositions" className="text-indigo-600 hover:underline">
              Compositions
            </Link>
          </p>
          <h1 className="truncate text-2xl font-semibold tracking-tight">{name || "Untitled composition"}</h1>
          <p className="text-xs text-slate-500">
            <span data-testid="save-status" className={dirty ? "font-medium text-amber-700" : undefined}>
              {status}
            </span>
            {compositionId && ` · ${compositionId} · version ${saver.version}`}
            {` · ${isPublic ? "public" : "private"}`}
            {composition?.owner && ` · by ${composition.owner.name}`}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {!readOnly && (
            <>
              <ToolButton
                className="lg:hidden"
                aria-expanded={paletteOpen}
                onClick={() => setPaletteOpen(!paletteOpen)}
              >
                {paletteOpen ? "Hide templates" : "+ Templates"}
              </ToolButton>
              <ToolButton disabled={!canUndo} onClick={store.getState().undo} title="Undo (Ctrl+Z)">
                ↶ Undo
              </ToolButton>
              <ToolButton disabled={!canRedo} onClick={store.getState().redo} title="Redo (Ctrl+Shift+Z)">
                ↷ Redo
              </ToolButton>
              <ToolButton onClick={store.getState().autoLayout} title="Lay out left to right">
                Auto-layout
              </ToolButton>
            </>
          )}
          <ToolButton onClick={() => void flow.fitView({ padding: 0.2, duration: 300 })}>Fit view</ToolButton>
          <ToolButton onClick={exportFile} title="Download this composition as a file">
            Export
          </ToolButton>
          <ImportButton onError={setImportError} />
          <ToolButton onClick={openShortcuts} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
            ⌨
          </ToolButton>
          {id && compositionId && <HistoryMenu id={id} compositionId={compositionId} />}
          {readOnly ? (
            <ToolButton onClick={() => void duplicate()}>Duplicate to edit</ToolButton>
          ) : (
            <button
              type="button"
              onClick={saver.save}
              disabled={saver.saving}
              title="Save (Ctrl+S)"
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
            >
              {saver.saving ? "Saving…" : "Save"}
            </button>
          )}
          {!readOnly && id && (
            <ScheduleDialog
              target={{ compositionId: id }}
              globalParameters={globals}
              disabledReason={blockedReason}
            />
          )}
          {!readOnly && id && <WebhooksDialog target={{ compositionId: id }} example={globals} />}
          {id && <NotificationsDialog target={{ compositionId: id }} />}
          <div className="flex max-w-56 flex-col items-end">
            <RunDialog
              compositionId={id ?? ""}
              globalParameters={globals}
              specs={specs}
              blockedReason={blockedReason}
            />
          </div>
        </div>
      </header>

      {readOnly && (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Read-only: this public composition belongs to {composition?.owner?.name ?? "someone else"}.
          Duplicate it to make an editable copy of your own.
        </p>
      )}
      {(saver.error ?? importError ?? notice) && (
        <p
          role={saver.error || importError ? "alert" : "status"}
          className={`rounded-md px-3 py-2 text-sm ${saver.error || importError ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}
        >
          {saver.error ?? importError ?? notice}
        </p>
      )}

      {/* Below 1024 px the palette folds away (a toolbar button shows it over the canvas), so the
          canvas keeps most of a narrow window. */}
      <div
        className={`relative grid min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200 bg-white grid-cols-[1fr_18rem] ${readOnly ? "lg:grid-cols-[1fr_22rem]" : "lg:grid-cols-[15rem_1fr_22rem]"}`}
      >
        {!readOnly && (
          <div
            className={`${paletteOpen ? "absolute inset-y-0 left-0 z-10 flex w-60 bg-white shadow-lg" : "hidden"} min-h-0 flex-col lg:static lg:flex lg:w-auto lg:shadow-none`}
          >
            <Palette templates={templates} />
          </div>
        )}
        <EditorCanvas readOnly={readOnly} viewport={savedViewport(composition)} />
        <div className="flex min-h-0 flex-col border-l border-slate-200">
          <section aria-label="Inspector" className="min-h-0 flex-1 overflow-y-auto p-3">
            <SidePanel selected={selected} readOnly={readOnly} />
          </section>
          <div className="max-h-[35%] overflow-y-auto border-t border-slate-200">
            <FindingsPanel findings={findings} empty={nodeCount === 0} onSelect={focus} />
          </div>
        </div>
      </div>
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
      {leaveDialog}
      <ConflictDialog
        message={saver.conflict?.message ?? null}
        busy={saver.saving}
        onChoose={(choice) => void saver.resolveConflict(choice)}
        onClose={saver.dismissConflict}
      />
    </div>
  );
}

function SidePanel({ selected, readOnly }: { selected: string; readOnly: boolean }) {
  const [kind, first, second] = selected.split(":");
  if (kind === "node") return <Inspector key={first} nodeId={first!} readOnly={readOnly} />;
  if (kind === "edge") return <MappingEditor key={first} edgeId={first!} readOnly={readOnly} />;
  if (kind === "many") {
    return (
      <p className="text-sm text-slate-600">
        {plural(Number(first), "node")} and {plural(Number(second), "connection")} selected. Ctrl+C copies
        them, Delete removes them.
      </p>
    );
  }
  return <SettingsForm readOnly={readOnly} />;
}

/** The view saved with the composition; none for a new one or one saved without a view (the API). */
function savedViewport(composition: CompositionResponse | null) {
  const viewport = composition?.viewport;
  return viewport && (viewport.x !== 0 || viewport.y !== 0 || viewport.zoom !== 1) ? viewport : null;
}
