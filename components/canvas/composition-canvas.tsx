"use client";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useMemo } from "react";
import type { CompositionResponse } from "@/lib/compositions/document";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { TemplateResponse } from "@/lib/templates/service";
import { FindingsPanel } from "./findings-panel";
import { TemplateNode } from "./template-node";
import type { MappingFlowEdge, TemplateFlowNode } from "./types";

// Declared once at module scope: a new object on every render makes React Flow re-mount all nodes.
const nodeTypes = { template: TemplateNode };

function toFlow(composition: CompositionResponse, templates: TemplateResponse[]) {
  const byTemplate = new Map(templates.map((template) => [template.templateId, template]));
  const nodes: TemplateFlowNode[] = composition.nodes.map((node) => ({
    id: node.nodeId,
    type: "template",
    position: node.position,
    data: {
      node,
      template: byTemplate.get(node.templateId),
      findings: composition.issues.filter((issue) => issue.nodeId === node.nodeId && !issue.connectionId),
    },
  }));
  const edges: MappingFlowEdge[] = composition.connections.map((connection) => {
    const findings = composition.issues.filter((issue) => issue.connectionId === connection.connectionId);
    const mapped = Object.entries(connection.fieldMappings).map(
      ([param, field]) =>
        `${field} → ${param}${connection.transformationRules[param] ? ` (${connection.transformationRules[param]})` : ""}`,
    );
    return {
      id: connection.connectionId,
      source: connection.sourceNodeId,
      target: connection.targetNodeId,
      label: mapped.join(", ") || undefined,
      animated: false,
      style: {
        strokeDasharray: connection.isRequired ? undefined : "6 4",
        stroke: findings.length ? "#d97706" : undefined,
      },
      data: { findings },
    };
  });
  return { nodes, edges };
}

function Canvas({
  composition,
  templates,
}: {
  composition: CompositionResponse;
  templates: TemplateResponse[];
}) {
  const initial = useMemo(() => toFlow(composition, templates), [composition, templates]);
  const [nodes, setNodes, onNodesChange] = useNodesState(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initial.edges);
  const flow = useReactFlow();

  /** Selects and centres what a finding names: its node, or its connection's target node. */
  const focus = useCallback(
    (finding: Finding) => {
      const edge = finding.connectionId ? edges.find((e) => e.id === finding.connectionId) : undefined;
      const nodeId = finding.nodeId ?? edge?.target ?? finding.path?.[0];
      setNodes((current) => current.map((node) => ({ ...node, selected: node.id === nodeId && !edge })));
      setEdges((current) => current.map((e) => ({ ...e, selected: e.id === edge?.id })));
      if (nodeId) void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.25 });
    },
    [edges, flow, setNodes, setEdges],
  );

  return (
    <div className="grid h-[70vh] min-h-[420px] grid-cols-[1fr_18rem] overflow-hidden rounded-lg border border-slate-200 bg-white">
      <section aria-label="Composition canvas" className="relative">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          nodesConnectable={false}
          nodesDraggable={false}
          fitView
          fitViewOptions={{ padding: 0.2 }}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} />
          <MiniMap pannable zoomable ariaLabel="Mini map" />
          <Controls showInteractive={false} />
        </ReactFlow>
      </section>
      <FindingsPanel findings={composition.issues} onSelect={focus} />
    </div>
  );
}

/** A composition's graph, read-only: nodes, connections with their mappings, and its findings. */
export function CompositionCanvas(props: {
  composition: CompositionResponse;
  templates: TemplateResponse[];
}) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
