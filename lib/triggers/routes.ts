import "server-only";
import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { appUrl, env } from "@/lib/env";
import { triggersApi } from "./api";
import type { TriggerTarget } from "./schema";
import { createTrigger, listTriggers } from "./service";

/**
 * The route of `…/:id/triggers`, for compositions and workflows alike: GET lists the webhooks (to
 * those who may change the target), POST makes one.
 */
export function triggerRoutes(of: "composition" | "workflow") {
  const [list, create] =
    of === "composition"
      ? [triggersApi.ofComposition, triggersApi.createForComposition]
      : [triggersApi.ofWorkflow, triggersApi.createForWorkflow];
  const target = (id: string): TriggerTarget =>
    of === "composition" ? { compositionId: id } : { workflowId: id };
  return route(
    handle(list, async ({ user, params }) => ({
      triggers: await listTriggers(db(), user, target(params.id), appUrl()),
    })),
    handle(create, async ({ user, params, body }) =>
      createTrigger(db(), user, target(params.id), body, env(), appUrl()),
    ),
  );
}
