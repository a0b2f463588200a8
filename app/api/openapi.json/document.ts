import { type ZodType, z } from "zod";
import { csvQuerySchema } from "@/lib/api/csv-response";
import { errorCodes } from "@/lib/api/errors";
import { createInviteBodySchema, inviteResponseSchema } from "@/lib/auth/signup";
import { createTokenBodySchema, tokenResponseSchema } from "@/lib/auth/token-schema";
import {
  compositionPageSchema,
  compositionResponseSchema,
  exportFileSchema,
  favoriteResponseSchema,
  importResponseSchema,
  validationResponseSchema,
  versionListSchema,
  versionResponseSchema,
} from "@/lib/compositions/responses";
import {
  createCompositionBodySchema,
  duplicateCompositionBodySchema,
  listCompositionsQuerySchema,
  updateCompositionBodySchema,
  validateCompositionBodySchema,
} from "@/lib/compositions/schema";
import {
  connectionTestSchema,
  createDataSourceBodySchema,
  dataSourceResponseSchema,
  droppedTableSchema,
  schemaQuerySchema,
  schemaResponseSchema,
  updateDataSourceBodySchema,
  uploadOptionsSchema,
  uploadPreviewSchema,
  uploadResponseSchema,
} from "@/lib/data-sources/schema";
import { listExecutionsQuerySchema, logsQuerySchema, resultPageQuerySchema } from "@/lib/engine/read";
import {
  executionPageSchema,
  executionSchema,
  logsSchema,
  resultPageSchema,
  retriedRunSchema,
  startedRunSchema,
} from "@/lib/engine/responses";
import { startRunBodySchema } from "@/lib/engine/start-run";
import {
  createRuleBodySchema,
  inboxSchema,
  listRulesQuerySchema,
  markReadBodySchema,
  ruleResponseSchema,
  updateRuleBodySchema,
} from "@/lib/notifications/schema";
import {
  backfillResponseSchema,
  createBackfillBodySchema,
  updateBackfillBodySchema,
} from "@/lib/schedules/backfill-schema";
import {
  createScheduleBodySchema,
  previewScheduleBodySchema,
  schedulePreviewSchema,
  scheduleResponseSchema,
  updateScheduleBodySchema,
} from "@/lib/schedules/schema";
import {
  describeTemplateBodySchema,
  listTemplatesQuerySchema,
  previewTemplateBodySchema,
  saveTemplateBodySchema,
  templateDescriptionSchema,
  templatePreviewSchema,
  templateResponseSchema,
  templateVersionSchema,
  templateVersionSummarySchema,
} from "@/lib/templates/schema";
import {
  createTriggerBodySchema,
  triggerResponseSchema,
  updateTriggerBodySchema,
} from "@/lib/triggers/schema";
import {
  createWorkflowBodySchema,
  updateWorkflowBodySchema,
  workflowResponseSchema,
  workflowRunSchema,
} from "@/lib/workflows/service";

const errorSchema = z.object({
  error: z
    .object({
      code: z.enum(errorCodes),
      message: z.string(),
      issues: z.array(z.object({ code: z.string().optional(), message: z.string() }).loose()).optional(),
    })
    // Some errors carry more: a conflict's currentVersion, the line a database pointed at.
    .loose(),
});

const triggerListSchema = z.object({ triggers: z.array(triggerResponseSchema) });
const createdTriggerSchema = z.object({
  // A signed webhook's secret: in this answer only.
  trigger: triggerResponseSchema.extend({ secret: z.string().optional() }),
});

/** What better-auth answers to sign-in and sign-up (its own shape; the user is what a client needs). */
const authAnswerSchema = z
  .object({ user: z.object({ id: z.string(), name: z.string(), email: z.string() }).loose() })
  .loose();

const json = (schema: ZodType, io: "input" | "output") => ({
  "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) },
});

const uploadContent = {
  "multipart/form-data": {
    schema: {
      type: "object",
      properties: {
        file: { type: "string", format: "binary" },
        ...(z.toJSONSchema(uploadOptionsSchema, { io: "input" }).properties ?? {}),
      },
      required: ["file"],
    },
  },
};

interface Operation {
  summary: string;
  query?: z.ZodObject;
  body?: ZodType;
  /** The body may be left out (a run without parameters). */
  bodyOptional?: boolean;
  ok: [number, ZodType | null];
  /** The body is a file upload (`multipart/form-data`: `file`, and how to load it: table, mode, types, badLines). */
  upload?: boolean;
  /** What a 2xx answer is, when not JSON. */
  produces?: "text/csv";
  errors?: number[];
  /** Reachable without a session (signing in and up). */
  public?: boolean;
  /** A session only, not an API token (managing tokens). */
  sessionOnly?: boolean;
}

/** A stable operation id from the verb and the path: POST /api/compositions/{id}/executions → postCompositionsByIdExecutions. */
function operationId(verb: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `By${part.slice(1, -1)}` : part));
  return verb + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
}

function operation(
  verb: string,
  path: string,
  {
    summary,
    query,
    body,
    bodyOptional,
    upload,
    ok,
    produces,
    errors = [],
    public: open,
    sessionOnly,
  }: Operation,
  pathParams: string[],
) {
  const parameters = [
    ...pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    ...Object.entries(query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: false,
      schema: z.toJSONSchema(schema as ZodType, { io: "input", unrepresentable: "any" }),
    })),
  ];
  const [status, response] = ok;
  return {
    operationId: operationId(verb, path),
    summary,
    ...(open ? { security: [] } : sessionOnly ? { security: [{ session: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: { required: !bodyOptional, content: json(body, "input") } } : {}),
    ...(upload ? { requestBody: { required: true, content: uploadContent } } : {}),
    responses: {
      [status]: produces
        ? { description: "OK", content: { [produces]: { schema: { type: "string" } } } }
        : response
          ? { description: "OK", content: json(response, "output") }
          : { description: "No content" },
      ...Object.fromEntries(
        // Any call with a session or a token may be refused: 401 without one, 403 past a token's scope.
        [...new Set([...(open ? [] : [401, 403]), ...errors])].map((code) => [
          code,
          { description: "Error", content: json(errorSchema, "output") },
        ]),
      ),
    },
  };
}

const paths: Record<string, Record<string, Operation>> = {
  "/api/schedules": {
    get: {
      summary: "Schedules of the compositions you can read",
      ok: [200, z.object({ schedules: z.array(scheduleResponseSchema) })],
      errors: [400, 404],
    },
    post: {
      summary: "Schedule a composition",
      body: createScheduleBodySchema,
      ok: [201, scheduleResponseSchema],
      errors: [400, 403, 404, 422, 429],
    },
  },
  "/api/schedules/preview": {
    post: {
      summary: "A cron expression in words and its next runs",
      body: previewScheduleBodySchema,
      ok: [200, schedulePreviewSchema],
      errors: [400],
    },
  },
  "/api/schedules/{id}": {
    get: { summary: "One schedule", ok: [200, scheduleResponseSchema], errors: [404] },
    patch: {
      summary: "Change, enable or disable a schedule (its job moves at once)",
      body: updateScheduleBodySchema,
      ok: [200, scheduleResponseSchema],
      errors: [400, 403, 404, 422, 429],
    },
    delete: { summary: "Delete a schedule (its runs stay)", ok: [204, null], errors: [403, 404] },
  },
  "/api/compositions/{id}/triggers": {
    get: {
      summary: "A composition's webhook triggers (its owner and admins)",
      ok: [200, triggerListSchema],
      errors: [403, 404],
    },
    post: {
      summary: "A new webhook trigger: its URL (and a signed one's secret, shown once)",
      body: createTriggerBodySchema,
      bodyOptional: true,
      ok: [201, createdTriggerSchema],
      errors: [400, 403, 404, 409],
    },
  },
  "/api/workflows/{id}/triggers": {
    get: { summary: "A workflow's webhook triggers", ok: [200, triggerListSchema], errors: [404] },
    post: {
      summary: "A new webhook trigger for a workflow",
      body: createTriggerBodySchema,
      bodyOptional: true,
      ok: [201, createdTriggerSchema],
      errors: [400, 404, 409],
    },
  },
  "/api/triggers/{id}": {
    patch: {
      summary: "Switch a webhook trigger on or off (off: its URL answers 404)",
      body: updateTriggerBodySchema,
      ok: [200, z.object({ trigger: triggerResponseSchema })],
      errors: [400, 404],
    },
    delete: { summary: "Delete a webhook trigger: its URL answers 404", ok: [204, null], errors: [404] },
  },
  "/api/hooks/{hookId}": {
    post: {
      summary:
        "Call a webhook: start a run with the body as its parameters (a JSON object; signed webhooks need X-QueryFlow-Signature: sha256=<hex HMAC-SHA256 of the raw body>)",
      body: z.record(z.string(), z.unknown()),
      bodyOptional: true,
      ok: [202, startedRunSchema],
      errors: [400, 401, 404, 413, 429],
      public: true,
    },
  },
  "/api/notifications/rules": {
    get: {
      summary:
        "Your notification rules (on one composition, workflow or schedule when named), each with its latest deliveries",
      query: listRulesQuerySchema,
      ok: [200, z.object({ rules: z.array(ruleResponseSchema) })],
      errors: [400, 404],
    },
    post: {
      summary:
        "A notification rule: events of a composition's, workflow's or schedule's runs, sent to a webhook, an e-mail address or your bell",
      body: createRuleBodySchema,
      ok: [201, z.object({ rule: ruleResponseSchema })],
      errors: [400, 404, 409],
    },
  },
  "/api/notifications/rules/{id}": {
    patch: {
      summary: "Switch a notification rule on or off",
      body: updateRuleBodySchema,
      ok: [200, z.object({ rule: ruleResponseSchema })],
      errors: [400, 404],
    },
    delete: { summary: "Delete a notification rule and its deliveries", ok: [204, null], errors: [404] },
  },
  "/api/notifications": {
    get: { summary: "Your newest in-app notifications and how many are unread", ok: [200, inboxSchema] },
  },
  "/api/notifications/read": {
    post: {
      summary: "Mark in-app notifications read (all when no ids are given)",
      body: markReadBodySchema,
      bodyOptional: true,
      ok: [200, inboxSchema],
      errors: [400],
    },
  },
  "/api/schedules/{id}/backfills": {
    get: {
      summary: "A schedule's backfills, newest first, with their progress",
      ok: [200, z.object({ backfills: z.array(backfillResponseSchema) })],
      errors: [404],
    },
    post: {
      summary:
        "Backfill: run every tick of the schedule between from and to (each at most once), concurrency at a time",
      body: createBackfillBodySchema,
      ok: [201, z.object({ backfill: backfillResponseSchema })],
      errors: [400, 403, 404],
    },
  },
  "/api/backfills/{id}": {
    get: {
      summary: "A backfill and its progress",
      ok: [200, z.object({ backfill: backfillResponseSchema })],
      errors: [404],
    },
    patch: {
      summary: "Pause or resume a backfill",
      body: updateBackfillBodySchema,
      ok: [200, z.object({ backfill: backfillResponseSchema })],
      errors: [400, 403, 404, 409],
    },
    delete: {
      summary: "Cancel a backfill (its runs in progress are cancelled)",
      ok: [200, z.object({ backfill: backfillResponseSchema })],
      errors: [403, 404, 409],
    },
  },
  "/api/tokens": {
    get: {
      summary: "Your API tokens (never their secrets)",
      ok: [200, z.object({ tokens: z.array(tokenResponseSchema) })],
      errors: [403],
      sessionOnly: true,
    },
    post: {
      summary: "Make an API token: its secret is in this answer only",
      body: createTokenBodySchema,
      ok: [201, z.object({ token: tokenResponseSchema, secret: z.string() })],
      errors: [400, 403, 409],
      sessionOnly: true,
    },
  },
  "/api/tokens/{id}": {
    delete: {
      summary: "Revoke an API token, at once",
      ok: [204, null],
      errors: [403, 404],
      sessionOnly: true,
    },
  },
  "/api/invites": {
    get: {
      summary: "Admins: the invite links and the sign-up policy",
      ok: [
        200,
        z.object({ invites: z.array(inviteResponseSchema), policy: z.enum(["open", "invite", "closed"]) }),
      ],
      errors: [403],
    },
    post: {
      summary: "Admins: a new invite link (shown in this answer only)",
      body: createInviteBodySchema,
      ok: [201, inviteResponseSchema.extend({ link: z.url() })],
      errors: [400, 403],
    },
  },
  "/api/invites/{id}": {
    delete: { summary: "Admins: withdraw an unused invite", ok: [204, null], errors: [403, 404] },
  },
  "/api/workflows": {
    get: {
      summary: "Your workflows (all of them for an admin)",
      ok: [200, z.object({ workflows: z.array(workflowResponseSchema) })],
      errors: [],
    },
    post: {
      summary: "Save a template with parameters as a workflow",
      body: createWorkflowBodySchema,
      ok: [201, workflowResponseSchema],
      errors: [400, 404],
    },
  },
  "/api/workflows/{id}": {
    get: { summary: "One workflow", ok: [200, workflowResponseSchema], errors: [404] },
    patch: {
      summary: "Rename a workflow or change its saved parameters",
      body: updateWorkflowBodySchema,
      ok: [200, workflowResponseSchema],
      errors: [400, 404],
    },
    delete: {
      summary: "Delete a workflow with its runs and schedules (409 while a run is going)",
      ok: [204, null],
      errors: [404, 409],
    },
  },
  "/api/workflows/{id}/executions": {
    post: {
      summary: "Run it with its saved parameters",
      ok: [202, z.object({ execution: z.object({ id: z.uuid(), status: z.string() }) })],
      errors: [400, 404, 429],
    },
    get: {
      summary: "Its runs, newest first",
      ok: [200, z.object({ items: z.array(workflowRunSchema) })],
      errors: [404],
    },
  },
  "/api/workflows/{id}/executions/{runId}/result": {
    get: {
      summary: "A page of a run's result",
      query: resultPageQuerySchema,
      ok: [200, resultPageSchema],
      errors: [400, 404],
    },
  },
  "/api/data-sources": {
    get: {
      summary: "Your data sources, the shared ones and the sample warehouse",
      ok: [200, z.object({ dataSources: z.array(dataSourceResponseSchema) })],
    },
    post: {
      summary: "Add a PostgreSQL source (fields or a URL); the password is sealed and never returned",
      body: createDataSourceBodySchema,
      ok: [201, z.object({ dataSource: dataSourceResponseSchema })],
      errors: [400, 403, 422],
    },
  },
  "/api/data-sources/{id}": {
    get: {
      summary: "One data source",
      ok: [200, z.object({ dataSource: dataSourceResponseSchema })],
      errors: [404],
    },
    put: {
      summary: "Replace a source; a changed host, port, database or user needs the password again",
      body: updateDataSourceBodySchema,
      ok: [200, z.object({ dataSource: dataSourceResponseSchema })],
      errors: [400, 403, 404, 422],
    },
    delete: { summary: "Delete a source", ok: [204, null], errors: [403, 404] },
  },
  "/api/data-sources/{id}/test": {
    post: {
      summary: "Connect once: the server's version and the latency, or 422 with the driver's message",
      ok: [200, connectionTestSchema],
      errors: [404, 422],
    },
  },
  "/api/data-sources/{id}/files": {
    post: {
      summary:
        "Upload a CSV, TSV, Parquet or JSON file into a DuckDB source as a table (mode = create | replace | append; create answers 409 with the existing table's rows when it exists; types = JSON {column: type}; badLines = skip loads a CSV's readable records and reports the others)",
      upload: true,
      ok: [201, uploadResponseSchema],
      errors: [400, 404, 409, 413, 422],
    },
  },
  "/api/data-sources/{id}/files/preview": {
    post: {
      summary:
        "What an upload would load, nothing written: columns as read and as typed, the first 20 rows, the row count, values that do not read as their chosen type, unreadable records, the rows of the table it would replace",
      upload: true,
      ok: [200, uploadPreviewSchema],
      errors: [400, 404, 409, 413, 422],
    },
  },
  "/api/data-sources/{id}/tables/{table}": {
    delete: {
      summary: "Drop one table of a DuckDB source",
      ok: [200, droppedTableSchema],
      errors: [400, 403, 404, 409],
    },
  },
  "/api/data-sources/{id}/schema": {
    get: {
      summary: "Tables and columns the source's user can read, cached until refresh=true",
      query: schemaQuerySchema,
      ok: [200, schemaResponseSchema],
      errors: [400, 404, 422],
    },
  },
  "/api/templates/describe": {
    post: {
      summary: "A SQL template's parameters and outputs, typed by its data source, without running it",
      body: describeTemplateBodySchema,
      ok: [200, templateDescriptionSchema],
      errors: [400, 404, 422],
    },
  },
  "/api/templates/preview": {
    post: {
      summary: "A SQL template's first 100 rows with the given values, and the time the query took",
      body: previewTemplateBodySchema,
      ok: [200, templatePreviewSchema],
      errors: [400, 404, 422],
    },
  },
  "/api/templates": {
    get: {
      summary: "The catalog, public templates and your own",
      query: listTemplatesQuerySchema,
      ok: [200, z.object({ templates: z.array(templateResponseSchema) })],
    },
    post: {
      summary: "A SQL template of your own on a data source (parameters and outputs inferred when left out)",
      body: saveTemplateBodySchema,
      ok: [201, z.object({ template: templateResponseSchema })],
      errors: [400, 404, 422],
    },
  },
  "/api/templates/{templateId}/versions": {
    get: {
      summary: "Every saved version of a template, newest first",
      ok: [200, z.object({ versions: z.array(templateVersionSummarySchema) })],
      errors: [404],
    },
  },
  "/api/templates/{templateId}/versions/{version}": {
    get: { summary: "One version as it was saved", ok: [200, templateVersionSchema], errors: [400, 404] },
  },
  "/api/templates/{templateId}": {
    get: { summary: "One template", ok: [200, templateResponseSchema], errors: [404] },
    put: {
      summary: "Save your template again: the next version (built-in templates: 403, duplicate them)",
      body: saveTemplateBodySchema,
      ok: [200, z.object({ template: templateResponseSchema })],
      errors: [400, 403, 404, 422],
    },
    delete: {
      summary: "Deactivate your template (its versions stay for past runs)",
      ok: [204, null],
      errors: [403, 404],
    },
  },
  "/api/compositions": {
    get: {
      summary: "Compositions the caller can read",
      query: listCompositionsQuerySchema,
      ok: [200, compositionPageSchema],
      errors: [400],
    },
    post: {
      summary: "Create a composition",
      body: createCompositionBodySchema,
      ok: [201, compositionResponseSchema],
      errors: [400, 409, 413],
    },
  },
  "/api/compositions/validate": {
    post: {
      summary: "Validate an unsaved composition",
      body: validateCompositionBodySchema,
      ok: [200, validationResponseSchema],
      errors: [400, 413],
    },
  },
  "/api/compositions/import": {
    post: {
      summary: "Import an exported composition file",
      body: exportFileSchema,
      ok: [201, importResponseSchema],
      errors: [400, 413],
    },
  },
  "/api/compositions/{id}": {
    get: {
      summary: "One composition (uuid or composition_id)",
      ok: [200, compositionResponseSchema],
      errors: [404],
    },
    put: {
      summary: "Save; `version` must be current",
      body: updateCompositionBodySchema,
      ok: [200, compositionResponseSchema],
      errors: [400, 403, 404, 409, 413],
    },
    delete: { summary: "Delete", ok: [204, null], errors: [403, 404] },
  },
  "/api/compositions/{id}/duplicate": {
    post: {
      summary: "A private copy owned by the caller",
      body: duplicateCompositionBodySchema,
      ok: [201, compositionResponseSchema],
      errors: [404],
    },
  },
  "/api/compositions/{id}/export": {
    get: { summary: "Download as a file", ok: [200, exportFileSchema], errors: [404] },
  },
  "/api/compositions/{id}/favorite": {
    put: { summary: "Mark as favorite", ok: [200, favoriteResponseSchema], errors: [404] },
    delete: { summary: "Unmark as favorite", ok: [200, favoriteResponseSchema], errors: [404] },
  },
  "/api/compositions/{id}/versions": {
    get: { summary: "Immutable snapshots", ok: [200, versionListSchema], errors: [404] },
  },
  "/api/compositions/{id}/versions/{version}": {
    get: { summary: "One snapshot", ok: [200, versionResponseSchema], errors: [400, 404] },
  },
  "/api/compositions/{id}/executions": {
    post: {
      summary: "Run it",
      body: startRunBodySchema,
      bodyOptional: true,
      ok: [202, startedRunSchema],
      errors: [400, 404, 422, 429],
    },
    get: {
      summary: "Its runs, newest first",
      query: listExecutionsQuerySchema,
      ok: [200, executionPageSchema],
      errors: [400, 404],
    },
  },
  "/api/executions": {
    get: {
      summary: "Runs you can read, newest first, with filters",
      query: listExecutionsQuerySchema,
      ok: [200, executionPageSchema],
      errors: [400],
    },
  },
  "/api/executions/{executionId}": {
    get: { summary: "A run and its nodes", ok: [200, executionSchema], errors: [404] },
  },
  "/api/executions/{executionId}/cancel": {
    post: { summary: "Cancel a live run", ok: [200, executionSchema], errors: [403, 404, 409] },
  },
  "/api/executions/{executionId}/retry": {
    post: {
      summary: "Re-run what did not complete, reusing the rest",
      ok: [202, retriedRunSchema],
      errors: [403, 404, 409],
    },
  },
  "/api/executions/{executionId}/logs": {
    get: { summary: "Log lines", query: logsQuerySchema, ok: [200, logsSchema], errors: [404] },
  },
  "/api/executions/{executionId}/nodes/{nodeId}/result": {
    get: {
      summary: "A page of a node's result",
      query: resultPageQuerySchema,
      ok: [200, resultPageSchema],
      errors: [400, 404],
    },
  },
  "/api/executions/{executionId}/nodes/{nodeId}/result.csv": {
    get: {
      summary:
        "A node's whole result as CSV (streamed); bom=1 starts it with UTF-8's byte order mark, for Excel",
      query: csvQuerySchema,
      ok: [200, null],
      produces: "text/csv",
      errors: [400, 404],
    },
  },
  "/api/workflows/{id}/executions/{runId}/result.csv": {
    get: {
      summary: "A workflow run's whole result as CSV (streamed); bom=1 for Excel",
      query: csvQuerySchema,
      ok: [200, null],
      produces: "text/csv",
      errors: [400, 404],
    },
  },
  // better-auth's routes a client needs for a session (the others are its own business).
  "/api/auth/sign-up/email": {
    post: {
      summary: "Create an account (when the sign-up policy lets you); signs you in",
      body: z.object({ name: z.string(), email: z.email(), password: z.string().min(8) }),
      ok: [200, authAnswerSchema],
      errors: [400, 403, 422, 429],
      public: true,
    },
  },
  "/api/auth/sign-in/email": {
    post: {
      summary: "Sign in; the answer sets the session cookie",
      body: z.object({ email: z.email(), password: z.string() }),
      ok: [200, authAnswerSchema],
      errors: [400, 401, 403, 429],
      public: true,
    },
  },
  "/api/auth/sign-out": {
    post: {
      summary: "Sign out: ends the session",
      ok: [200, z.object({ success: z.boolean() })],
      errors: [],
    },
  },
};

/** The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers use. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "QueryFlow API",
      version: "1",
      description:
        "Sign in with POST /api/auth/sign-in/email; the session cookie it sets authorises every other call. Or send a personal API token (made on the account page) as `Authorization: Bearer qf_…`: it acts as its user, cut to its scopes — read (GET), run (also start, cancel and retry runs), write (everything; write includes run, run includes read). Tokens cannot manage tokens.",
      // No licence is granted yet (package.json: private); SPDX "LicenseRef-" names a non-listed one.
      license: { name: "UNLICENSED", identifier: "LicenseRef-UNLICENSED" },
    },
    // Relative: the document describes the server that serves it.
    servers: [{ url: "/", description: "This QueryFlow" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
        token: { type: "http", scheme: "bearer", bearerFormat: "qf_…", description: "A personal API token." },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, operations]) => {
        const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
        return [
          path,
          Object.fromEntries(
            Object.entries(operations).map(([verb, op]) => [verb, operation(verb, path, op, pathParams)]),
          ),
        ];
      }),
    ),
  };
}
