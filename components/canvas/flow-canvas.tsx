"use client";
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { type ReactNode, useCallback, useEffect, useRef } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { TemplateNode } from "./template-node";
import type { MappingFlowEdge, TemplateFlowNode } from "./types";

// Declared once at module scope: a new object on every render makes React Flow re-mount all nodes.
const nodeTypes = { template: TemplateNode };

export interface FlowCanvasProps {
  nodes: TemplateFlowNode[];
  edges: MappingFlowEdge[];
  /** Called with a node id when the user picks a node (or null when they click the background). */
  onSelectNode?: (nodeId: string | null) => void;
  /** The panel beside the canvas; it receives `focus(nodeId)` to select and centre a node. */
  panel: (focus: (nodeId: string) => void) => ReactNode;
}

function Canvas({ nodes: given, edges: givenEdges, onSelectNode, panel }: FlowCanvasProps) {
  const [nodes, setNodes, onNodesChange] = useNodesState(given);
  const [edges, , onEdgesChange] = useEdgesState(givenEdges);
  const flow = useReactFlow();

  // New data (a run's statuses) replaces the nodes' data but keeps what the user selected.
  useEffect(() => {
    setNodes((current) => {
      const selected = new Set(current.filter((node) => node.selected).map((node) => node.id));
      return given.map((node) => ({ ...node, selected: selected.has(node.id) }));
    });
  }, [given, setNodes]);

  // The whole graph stays in view as the canvas changes width (the window, the side panel taking
  // its share after the first fit), until the user pans or zooms it themselves.
  const section = useRef<HTMLElement>(null);
  const userMoved = useRef(false);
  const fittedWidth = useRef(0);
  const nodesInitialized = useNodesInitialized();
  useEffect(() => {
    const element = section.current;
    if (!element || !nodesInitialized) return;
    const refit = () => {
      if (userMoved.current || Math.abs(element.clientWidth - fittedWidth.current) < 8) return;
      fittedWidth.current = element.clientWidth;
      void flow.fitView({ padding: 0.2 });
    };
    // React Flow fitted the graph to this width as its nodes were measured; refitting now as well
    // would move a node from under a click that is already on its way.
    if (!fittedWidth.current) fittedWidth.current = element.clientWidth;
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow, nodesInitialized]);

  const focus = useCallback(
    (nodeId: string) => {
      setNodes((current) => current.map((node) => ({ ...node, selected: node.id === nodeId })));
      onSelectNode?.(nodeId);
      void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.25 });
    },
    [flow, setNodes, onSelectNode],
  );

  return (
    // The panel can be widened (drag the separator, or focus it and use the arrow keys): charts and
    // wide result tables need more than its default width.
    <Group
      orientation="horizontal"
      className="h-[70vh] min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      <Panel id="canvas" minSize="25">
        <section ref={section} aria-label="Composition canvas" className="relative h-full">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeClick={(_, node) => onSelectNode?.(node.id)}
            onPaneClick={() => onSelectNode?.(null)}
            // A move with an event is the user's; fitView's own moves have none.
            onMoveStart={(event) => {
              if (event) userMoved.current = true;
            }}
            nodesConnectable={false}
            nodesDraggable={false}
            fitView
            fitViewOptions={{ padding: 0.2 }}
            // Below React Flow's 0.5, so a wide graph fits a narrow canvas whole.
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </section>
      </Panel>
      <Separator
        aria-label="Resize the side panel"
        className="flex w-2 items-center justify-center bg-slate-100 outline-none hover:bg-indigo-100 focus-visible:bg-indigo-200 data-[separator=active]:bg-indigo-200"
      >
        {/* A grip, so the handle is seen before it is found. */}
        <span aria-hidden className="h-10 w-0.5 rounded-full bg-slate-400" />
      </Separator>
      {/* Wide enough at 1280 px for a result's first columns; "N more columns →" says what is past it. */}
      <Panel id="side-panel" defaultSize="26rem" minSize="16rem" maxSize="75" className="flex flex-col">
        {panel(focus)}
      </Panel>
    </Group>
  );
}

/** The read-only graph of a composition or a run, with a side panel. */
export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
