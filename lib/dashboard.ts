import type { SessionUser } from "@/lib/auth/user";
import { readableBy } from "@/lib/compositions/access";
import { DEMO_COMPOSITION_ID } from "@/lib/compositions/demo-document";
import { listCompositions } from "@/lib/compositions/list";
import { listCompositionsQuerySchema } from "@/lib/compositions/schema";
import type { DbOrTx } from "@/lib/db/client";
import { listExecutions } from "@/lib/engine/read";
import { listExecutionsQuerySchema } from "@/lib/engine/schema";
import { listSchedules } from "@/lib/schedules/service";

const FAILURES_SINCE_DAYS = 7;

/** What the home page shows: live runs, the week's failures, favorites and the next scheduled runs. */
export async function loadDashboard(db: DbOrTx, user: SessionUser) {
  const runs = (query: Record<string, unknown>) =>
    listExecutions(db, user, listExecutionsQuerySchema.parse(query));
  const since = new Date(Date.now() - FAILURES_SINCE_DAYS * 86_400_000).toISOString();
  const [running, pending, failures, favorites, schedules, firstSteps] = await Promise.all([
    runs({ status: "running", limit: 20 }),
    runs({ status: "pending", limit: 20 }),
    runs({ status: "failed", from: since, limit: 8 }),
    listCompositions(db, user, listCompositionsQuerySchema.parse({ favorite: "true", limit: 12 })),
    listSchedules(db, user),
    loadFirstSteps(db, user),
  ]);
  return {
    firstSteps,
    inProgress: [...running.items, ...pending.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    failures: failures.items,
    failuresSinceDays: FAILURES_SINCE_DAYS,
    favorites: favorites.items,
    upcoming: schedules.filter((schedule) => schedule.isActive && schedule.nextRunAt).slice(0, 8),
  };
}

/**
 * For someone who has not started a run yet: the demo composition to run at once (when it is still
 * there and theirs to read). Null once they have run anything, composition or workflow.
 */
async function loadFirstSteps(db: DbOrTx, user: SessionUser) {
  const [compositionRun, workflowRun] = await Promise.all([
    db.compositionExecution.findFirst({ where: { triggeredById: user.id }, select: { id: true } }),
    db.workflowExecution.findFirst({ where: { triggeredById: user.id }, select: { id: true } }),
  ]);
  if (compositionRun || workflowRun) return null;
  const demo = await db.composition.findFirst({
    where: { AND: [{ compositionId: DEMO_COMPOSITION_ID }, readableBy(user)] },
    select: { compositionId: true, name: true },
  });
  return { demo };
}
