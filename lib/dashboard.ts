import type { SessionUser } from "@/lib/auth/session";
import { listCompositions } from "@/lib/compositions/list";
import { listCompositionsQuerySchema } from "@/lib/compositions/schema";
import type { DbOrTx } from "@/lib/db/client";
import { listExecutions, listExecutionsQuerySchema } from "@/lib/engine/read";
import { listSchedules } from "@/lib/schedules/service";

const FAILURES_SINCE_DAYS = 7;

/** What the home page shows: live runs, the week's failures, favorites and the next scheduled runs. */
export async function loadDashboard(db: DbOrTx, user: SessionUser) {
  const runs = (query: Record<string, unknown>) =>
    listExecutions(db, user, listExecutionsQuerySchema.parse(query));
  const since = new Date(Date.now() - FAILURES_SINCE_DAYS * 86_400_000).toISOString();
  const [running, pending, failures, favorites, schedules] = await Promise.all([
    runs({ status: "running", limit: 20 }),
    runs({ status: "pending", limit: 20 }),
    runs({ status: "failed", from: since, limit: 8 }),
    listCompositions(db, user, listCompositionsQuerySchema.parse({ favorite: "true", limit: 12 })),
    listSchedules(db, user),
  ]);
  return {
    inProgress: [...running.items, ...pending.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    failures: failures.items,
    failuresSinceDays: FAILURES_SINCE_DAYS,
    favorites: favorites.items,
    upcoming: schedules.filter((schedule) => schedule.isActive && schedule.nextRunAt).slice(0, 8),
  };
}
