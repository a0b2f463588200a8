import { z } from "zod";

// What notification rules, deliveries and in-app notifications look like to the API and the browser.

export const notificationEvents = ["failure", "recovery", "success", "slow", "consecutive_failures"] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export const webhookFormats = ["json", "slack", "teams"] as const;

export const channelSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2_000),
    /** The body's shape: QueryFlow's JSON, or a message Slack's or Teams' incoming webhooks take. */
    format: z.enum(webhookFormats).default("json"),
  }),
  z.strictObject({ type: z.literal("email"), to: z.email().max(320) }),
  z.strictObject({ type: z.literal("in_app") }),
]);
export type Channel = z.output<typeof channelSchema>;

const target = {
  compositionId: z.string().min(1).max(100).optional(),
  workflowId: z.uuid().optional(),
  scheduleId: z.uuid().optional(),
};

export const createRuleBodySchema = z
  .strictObject({
    ...target,
    events: z
      .array(z.enum(notificationEvents))
      .min(1)
      .overwrite((events) => [...new Set(events)]),
    channel: channelSchema,
    /** For `slow`: a run that takes longer than this. */
    slowAfterMs: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600 * 1000)
      .optional(),
    /** For `consecutive_failures`: fire when this many runs in a row have failed. */
    consecutiveFailures: z.number().int().min(1).max(1000).optional(),
  })
  .refine(
    (body) => [body.compositionId, body.workflowId, body.scheduleId].filter(Boolean).length === 1,
    "give exactly one of compositionId, workflowId, scheduleId",
  )
  .refine((body) => !body.events.includes("slow") || body.slowAfterMs, {
    message: "the slow event needs slowAfterMs",
    path: ["slowAfterMs"],
  })
  .refine((body) => !body.events.includes("consecutive_failures") || body.consecutiveFailures, {
    message: "the consecutive_failures event needs consecutiveFailures",
    path: ["consecutiveFailures"],
  });

export const updateRuleBodySchema = z.strictObject({ enabled: z.boolean() });

export const listRulesQuerySchema = z.object(target);

export const deliverySchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  event: z.enum(notificationEvents),
  executionId: z.uuid(),
  /** A composition's run, or a standalone workflow's. */
  runOf: z.enum(["composition", "workflow"]),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});

export const ruleResponseSchema = z.object({
  id: z.uuid(),
  compositionId: z.uuid().nullable(),
  workflowId: z.uuid().nullable(),
  scheduleId: z.uuid().nullable(),
  events: z.array(z.enum(notificationEvents)),
  channel: channelSchema,
  slowAfterMs: z.number().int().nullable(),
  consecutiveFailures: z.number().int().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The newest deliveries first (at most 20). */
  deliveries: z.array(deliverySchema),
});
export type RuleResponse = z.output<typeof ruleResponseSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  /** The run it is about, in the app. */
  link: z.string(),
  read: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type NotificationResponse = z.output<typeof notificationSchema>;

export const inboxSchema = z.object({ notifications: z.array(notificationSchema), unread: z.number().int() });

export const markReadBodySchema = z.strictObject({ ids: z.array(z.uuid()).max(500).optional() }).default({});
