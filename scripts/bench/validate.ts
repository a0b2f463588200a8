// npm run bench:validate — validation of a 5,000-node / ~10,000-connection composition beside
// graphlib's topological sort of the same graph, then saving a 500-node composition through the API.
import { alg, Graph } from "@dagrejs/graphlib";
import { startAppForBench } from "@/lib/bench/app";
import { generateComposition } from "@/lib/bench/generate";
import { median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { templateInfoOf } from "@/lib/compositions/templates-info";
import { planExecution } from "@/lib/compositions/validation/plan";
import { validateComposition } from "@/lib/compositions/validation/validate";
import { templateCatalog } from "@/lib/templates/catalog";

const RUNS = 25;

async function validation() {
  const templates = templateInfoOf(templateCatalog);
  const input = generateComposition(5_000);
  const document = compositionDocumentSchema.parse(input);
  progress(
    `validating ${document.nodes.length} nodes / ${document.connections.length} connections, ${RUNS} runs each`,
  );
  const check = validateComposition(document, templates);
  if (check.findings.length)
    throw new Error(`generated composition has findings: ${check.findings[0]!.message}`);

  const graph = new Graph();
  for (const node of document.nodes) graph.setNode(node.nodeId);
  for (const c of document.connections) graph.setEdge(c.sourceNodeId, c.targetNodeId);
  const topsort = median(await timeRuns(RUNS, () => alg.topsort(graph)));
  const edges = document.connections.map((c) => [c.sourceNodeId, c.targetNodeId] as const);
  const nodeIds = document.nodes.map((n) => n.nodeId);

  const baseline = { name: "graphlib_alg_topsort_5000", value: round(topsort, 3) };
  report({
    bench: "validate",
    figure: "validate_5000_median",
    value: round(median(await timeRuns(RUNS, () => validateComposition(document, templates)))),
    unit: "ms",
    target: 50,
    better: "lower",
    baseline,
    runs: RUNS,
  });
  report({
    bench: "validate",
    figure: "plan_5000_median",
    value: round(median(await timeRuns(RUNS, () => planExecution(nodeIds, edges))), 3),
    unit: "ms",
    better: "lower",
    baseline,
    runs: RUNS,
  });
  report({
    bench: "validate",
    figure: "parse_and_validate_5000_median",
    value: round(
      median(
        await timeRuns(RUNS, () => validateComposition(compositionDocumentSchema.parse(input), templates)),
      ),
    ),
    unit: "ms",
    better: "lower",
    runs: RUNS,
  });
}

async function saveThroughApi() {
  const app = await startAppForBench({ port: 3110, postgresPort: 5510 });
  try {
    const api = await app.signUp();
    const document = generateComposition(500);
    const created = await api("POST", "/api/compositions", document);
    let version = created.version as number;
    progress(`saving a ${document.nodes.length}-node composition through PUT, ${RUNS} runs`);
    const times = await timeRuns(RUNS, async () => {
      const saved = await api("PUT", `/api/compositions/${created.id}`, {
        ...document,
        compositionId: created.compositionId,
        version,
      });
      version = saved.version;
    });
    report({
      bench: "validate",
      figure: "api_save_500_median",
      value: round(median(times)),
      unit: "ms",
      target: 300,
      better: "lower",
      runs: RUNS,
    });
  } finally {
    await app.stop();
  }
}

await validation();
await saveThroughApi();
