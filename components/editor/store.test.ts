import { describe, expect, it } from "vitest";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { TemplateResponse } from "@/lib/templates/schema";
import { createEditorStore, HISTORY_LIMIT, toDocument } from "./store";

const echo: TemplateResponse = {
  templateId: "echo",
  name: "Echo",
  description: "",
  category: "Utility",
  kind: "echo",
  parameters: [{ name: "message", type: "string", required: false, description: "" }],
  outputs: [{ name: "message", type: "string", description: "" }],
  definition: {},
  chartConfig: null,
  tags: [],
  version: 1,
  isActive: true,
  usageCount: 0,
  successCount: 0,
  failureCount: 0,
  builtIn: true,
  isPublic: true,
  owner: null,
  canEdit: false,
  dataSourceId: null,
};

function editor() {
  const document = compositionDocumentSchema.parse({
    name: "Test",
    nodes: [
      { nodeId: "a", templateId: "echo", position: { x: 0, y: 0 } },
      { nodeId: "b", templateId: "echo", position: { x: 300, y: 0 } },
    ],
    connections: [{ connectionId: "a_b", sourceNodeId: "a", targetNodeId: "b" }],
  });
  return createEditorStore({ document, findings: [], templates: [echo] });
}

const viewport = { x: 0, y: 0, zoom: 1 };
const ids = (store: ReturnType<typeof editor>) => store.getState().nodes.map((node) => node.id);

describe("editor store", () => {
  it("starts saved, becomes unsaved on an edit, and saved again when undone to the saved state", () => {
    const store = editor();
    const state = () => store.getState();
    expect(state().id).toBe(state().savedId);
    state().addNode("echo", { x: 0, y: 200 });
    expect(state().id).not.toBe(state().savedId);
    state().undo();
    expect(state().id).toBe(state().savedId);
  });

  it("takes a save's answer as one action: saved, its findings on their node, the id the server made", () => {
    const store = editor();
    const state = () => store.getState();
    state().updateNode("b", { label: "Second" });
    const finding: Finding = {
      code: "missing_required_parameter",
      message: "b lacks x",
      nodeId: "b",
      severity: "semantic",
    };
    state().markSaved(state().id, { findings: [finding], nodeOutputs: {}, compositionId: "comp_test" });
    expect(state().id).toBe(state().savedId);
    expect(state().settings.compositionId).toBe("comp_test");
    expect(state().nodes.find((node) => node.id === "b")!.data.findings).toEqual([finding]);
    expect(state().nodes.find((node) => node.id === "a")!.data.findings).toEqual([]);
    expect(state().past).toHaveLength(1);
  });

  it("moving nodes is undoable but does not count as a change to validate", () => {
    const store = editor();
    store.getState().beginDrag();
    store.getState().autoLayout();
    expect(store.getState().past).toHaveLength(2);
    expect(store.getState().contentRevision).toBe(0);
    store.getState().updateNode("a", { isConditional: true });
    expect(store.getState().contentRevision).toBe(1);
  });

  it("undoes and redoes more than 100 steps", () => {
    const store = editor();
    for (let i = 0; i < 120; i++) store.getState().addNode("echo", { x: i, y: 0 });
    expect(store.getState().nodes).toHaveLength(122);
    for (let i = 0; i < 120; i++) store.getState().undo();
    expect(ids(store)).toEqual(["a", "b"]);
    for (let i = 0; i < 120; i++) store.getState().redo();
    expect(store.getState().nodes).toHaveLength(122);
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
  });

  it("makes typing in one field one undo step", () => {
    const store = editor();
    for (const text of ["h", "he", "hel", "hell", "hello"]) {
      store.getState().updateNode("a", { parameterOverrides: { message: text } }, "param:message");
    }
    store.getState().updateNode("a", { isConditional: true });
    store.getState().undo();
    expect(store.getState().nodes[0]!.data.parameterOverrides).toEqual({ message: "hello" });
    store.getState().undo();
    expect(store.getState().nodes[0]!.data.parameterOverrides).toEqual({});
  });

  it("refuses a connection that closes a cycle, saying why, and auto-maps a new one by name", () => {
    const store = editor();
    expect(
      store.getState().connect({ source: "b", target: "a", sourceHandle: null, targetHandle: null }),
    ).toBeNull();
    expect(store.getState().notice).toMatch(/would close a cycle/);
    store.getState().addNode("echo", { x: 600, y: 0 });
    const id = store
      .getState()
      .connect({ source: "b", target: "echo", sourceHandle: null, targetHandle: null });
    const edge = store.getState().edges.find((e) => e.id === id)!;
    expect(edge.data).toMatchObject({
      fieldMappings: { message: "message" },
      transformationRules: { message: "first" },
    });
    expect(store.getState().nodes.find((node) => node.id === "echo")!.data.mapped).toBe(1);
  });

  it("deletes a node with its connections in one step, and pastes copies with fresh ids and their edges", () => {
    const store = editor();
    store.getState().select({ nodes: ["a"] });
    store.getState().deleteSelection();
    expect(ids(store)).toEqual(["b"]);
    expect(store.getState().edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().edges.map((edge) => edge.id)).toEqual(["a_b"]);

    store.getState().selectAll();
    store.getState().copySelection();
    store.getState().paste();
    store.getState().paste();
    expect(ids(store)).toEqual(["a", "b", "a_2", "b_2", "a_2_2", "b_2_2"]);
    expect(store.getState().edges.map((edge) => [edge.id, edge.source, edge.target])).toContainEqual([
      "a_2_to_b_2",
      "a_2",
      "b_2",
    ]);
    const document = compositionDocumentSchema.parse(toDocument(store.getState(), viewport));
    expect(document.connections).toHaveLength(3);
    // Each paste lands clear of every node already there (nodes are 256 × 96 before they are drawn).
    const boxes = document.nodes.map((node) => node.position);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        expect(Math.abs(a.x - b.x) >= 256 || Math.abs(a.y - b.y) >= 96, JSON.stringify([a, b])).toBe(true);
      }
    }
    // Side by side as they were copied: b_2 is still 300 px right of a_2.
    const at = (id: string) => document.nodes.find((node) => node.nodeId === id)!.position;
    expect(at("b_2").x - at("a_2").x).toBe(300);
    expect(at("b_2").y).toBe(at("a_2").y);
  });

  it("shows the version a node is pinned to, offers the newer one, and upgrades in one undoable step", () => {
    const echoV2: TemplateResponse = {
      ...echo,
      version: 2,
      parameters: [{ name: "text", type: "string", required: false, description: "" }],
    };
    const document = compositionDocumentSchema.parse({
      name: "Pinned",
      nodes: [
        { nodeId: "old", templateId: "echo", templateVersion: 1 },
        { nodeId: "new", templateId: "echo", templateVersion: 2 },
      ],
    });
    const store = createEditorStore({ document, findings: [], templates: [echoV2], olderTemplates: [echo] });
    const data = (id: string) => store.getState().nodes.find((node) => node.id === id)!.data;
    expect(data("old")).toMatchObject({ templateVersion: 1, newerVersion: 2, template: { version: 1 } });
    expect(data("old").template!.parameters.map((p) => p.name)).toEqual(["message"]);
    expect(data("new")).toMatchObject({ templateVersion: 2, newerVersion: null });

    store.getState().upgradeNode("old");
    expect(data("old")).toMatchObject({ templateVersion: 2, newerVersion: null });
    expect(data("old").template!.parameters.map((p) => p.name)).toEqual(["text"]);
    expect(store.getState().contentRevision).toBe(1);
    expect(toDocument(store.getState(), viewport).nodes!.map((node) => node.templateVersion)).toEqual([2, 2]);
    store.getState().undo();
    expect(data("old")).toMatchObject({ templateVersion: 1, newerVersion: 2 });
    // A new node takes the current version.
    store.getState().addNode("echo", { x: 0, y: 300 });
    expect(toDocument(store.getState(), viewport).nodes!.at(-1)!.templateVersion).toBe(2);
  });

  it("connects a node that yields rows into a Query results node as a table under its label, and saves it so", () => {
    const rows: TemplateResponse = {
      ...echo,
      templateId: "rows",
      name: "Daily rows",
      kind: "sql",
      outputs: [{ name: "day", type: "date", description: "" }],
    };
    const query: TemplateResponse = {
      ...echo,
      templateId: "query_results",
      name: "Query results",
      kind: "results_sql",
      parameters: [{ name: "query", type: "string", required: true, description: "" }],
      outputs: [],
    };
    const document = compositionDocumentSchema.parse({
      name: "Tables",
      nodes: [
        { nodeId: "d1", templateId: "rows", label: "Daily spend", position: { x: 0, y: 0 } },
        { nodeId: "d2", templateId: "rows", label: "Daily spend", position: { x: 0, y: 200 } },
        { nodeId: "q", templateId: "query_results", position: { x: 300, y: 0 } },
        { nodeId: "e", templateId: "echo", position: { x: 600, y: 0 } },
      ],
    });
    const store = createEditorStore({ document, findings: [], templates: [echo, rows, query] });
    store.getState().connect({ source: "d1", target: "q", sourceHandle: null, targetHandle: null });
    store.getState().connect({ source: "d2", target: "q", sourceHandle: null, targetHandle: null });
    store.getState().connect({ source: "q", target: "e", sourceHandle: null, targetHandle: null });
    const saved = compositionDocumentSchema.parse(toDocument(store.getState(), viewport));
    expect(saved.connections.map(({ sourceNodeId, kind, alias }) => [sourceNodeId, kind, alias])).toEqual([
      ["d1", "table", "daily_spend"],
      ["d2", "table", "daily_spend_2"],
      // Out of a Query results node into another kind: fields, as any mapping.
      ["q", "mapping", undefined],
    ]);
    expect(store.getState().edges[0]!.label).toBe("⊞ daily_spend");
  });
});
