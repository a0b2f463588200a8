"use client";
import {
  Background,
  ControlButton,
  Controls,
  type FitViewOptions,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { type DragEvent, useState } from "react";
import { TemplateNode } from "@/components/canvas/template-node";
import type { TemplateFlowNode } from "@/components/canvas/types";
import { DEMO_COMPOSITION_ID } from "@/lib/compositions/demo-document";
import { useEditor, useEditorStore } from "./editor-context";

// Declared once at module scope: a new object on every render makes React Flow re-mount all nodes.
const nodeTypes = { template: TemplateNode };

/** The drag payload a palette item carries. */
export const TEMPLATE_DRAG_TYPE = "application/x-queryflow-template";

/** Large graphs draw only what is on screen; small ones draw everything (no pop-in while panning). */
const VISIBLE_ONLY_ABOVE = 300;

const FAR_ZOOM = 0.45;

// Module constants, like nodeTypes: React Flow writes every prop that changed identity into its
// store on each render, and each write re-runs every edge's selectors — a drag frame would cost
// three store updates instead of one.
const MULTI_SELECTION_KEYS = ["Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };

/**
 * The first view of a composition without a saved one: all of it, or for a large one its starting
 * nodes (the leftmost) at a readable zoom; Fit view shows all of it. A thousand nodes fitted into
 * one screen are specks, and drawing every one of them makes each frame slow.
 */
function initialFit(nodes: TemplateFlowNode[]): FitViewOptions {
  if (nodes.length <= VISIBLE_ONLY_ABOVE) return { padding: 0.2, maxZoom: 1.25 };
  const start = [...nodes]
    .sort((a, b) => a.position.x + a.position.y - (b.position.x + b.position.y))
    .slice(0, 12);
  return { padding: 0.2, maxZoom: 1, minZoom: 0.5, nodes: start.map((node) => ({ id: node.id })) };
}

/** The editable canvas: drag, connect, select, drop templates from the palette. */
export function EditorCanvas({ readOnly, viewport }: { readOnly: boolean; viewport: Viewport | null }) {
  const store = useEditorStore();
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  // The store's actions keep their identity: passed as they are, never wrapped in a new function.
  const onConnect = useEditor((state) => state.connect);
  const onNodeDragStart = useEditor((state) => state.beginDrag);
  const flow = useReactFlow();
  const [startedWithNodes] = useState(nodes.length > 0);
  const [firstView] = useState(() => initialFit(nodes));
  // Off until asked for: on a small graph it covers a corner of the canvas (and nodes in it); on a
  // large one it redraws every node each drag frame (1,000 nodes: 12.7 ms a frame without, 20 with).
  const [miniMap, setMiniMap] = useState(false);
  // Far out, labels and node details are unreadable and cost every frame: CSS hides them.
  const far = useStore((state) => state.transform[2] < FAR_ZOOM);

  function onDrop(event: DragEvent) {
    const templateId = event.dataTransfer.getData(TEMPLATE_DRAG_TYPE);
    if (!templateId || readOnly) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    store.getState().addNode(templateId, { x: Math.round(at.x - 128), y: Math.round(at.y - 30) });
  }

  return (
    <section
      aria-label="Composition canvas"
      className={`relative h-full ${far ? "canvas-far" : ""}`}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(TEMPLATE_DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
        // Where the user left the view, when it was saved; else the whole graph. An empty canvas
        // is not fitted: that would zoom in on the first node dropped on it.
        defaultViewport={viewport ?? undefined}
        fitView={!viewport && startedWithNodes}
        fitViewOptions={firstView}
        minZoom={0.05}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} />
        {miniMap && <MiniMap pannable zoomable ariaLabel="Mini map" />}
        <Controls showInteractive={false}>
          <ControlButton
            onClick={() => setMiniMap(!miniMap)}
            title={miniMap ? "Hide the mini map" : "Show the mini map"}
            aria-pressed={miniMap}
          >
            ▦
          </ControlButton>
        </Controls>
        {nodes.length === 0 && !readOnly && <EmptyCanvasHint />}
      </ReactFlow>
    </section>
  );
}

/** What an empty canvas says: how to start, and where a ready-made composition is. */
function EmptyCanvasHint() {
  return (
    <Panel position="top-center" className="pointer-events-none mt-24! max-w-md text-center">
      <div className="pointer-events-auto rounded-lg border border-dashed border-slate-300 bg-white/90 p-5 text-sm text-slate-700">
        <p className="font-medium text-slate-900">Drag a template from the palette onto the canvas</p>
        <p className="mt-1">
          (or click one to add it here). Then draw a connection from a node&apos;s right handle to
          another&apos;s left handle and map its fields.
        </p>
        <p className="mt-3">
          Or start from a finished one:{" "}
          <Link href={`/compositions/${DEMO_COMPOSITION_ID}`} className="text-indigo-700 underline">
            open the Campaign analysis demo
          </Link>{" "}
          and duplicate it.
        </p>
      </div>
    </Panel>
  );
}
