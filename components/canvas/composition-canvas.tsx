"use client";
import { useMemo } from "react";
import type { CompositionResponse } from "@/lib/compositions/document";
import type { TemplateResponse } from "@/lib/templates/service";
import { FindingsPanel } from "./findings-panel";
import { FlowCanvas } from "./flow-canvas";
import { toFlow } from "./to-flow";

/** A composition's graph, read-only: nodes, connections with their mappings, and its findings. */
export function CompositionCanvas({
  composition,
  templates,
}: {
  composition: CompositionResponse;
  templates: TemplateResponse[];
}) {
  const { nodes, edges } = useMemo(
    () => toFlow(composition, templates, composition.issues),
    [composition, templates],
  );
  return (
    <FlowCanvas
      nodes={nodes}
      edges={edges}
      panel={(focus) => (
        <FindingsPanel
          findings={composition.issues}
          onSelect={(finding) => {
            const target = finding.connectionId
              ? composition.connections.find((c) => c.connectionId === finding.connectionId)?.targetNodeId
              : undefined;
            const nodeId = finding.nodeId ?? target ?? finding.path?.[0];
            if (nodeId) focus(nodeId);
          }}
        />
      )}
    />
  );
}
