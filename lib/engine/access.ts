import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import type { SessionUser } from "@/lib/auth/user";
import { canWrite, readableBy } from "@/lib/compositions/access";
import type { DbOrTx } from "@/lib/db/client";

/** An execution of a composition the user can read, or 404. */
export async function findExecutionOrThrow(db: DbOrTx, user: SessionUser, executionId: string) {
  const uuid = isUuid(executionId) ? executionId : null;
  const execution = uuid
    ? await db.compositionExecution.findFirst({
        where: { id: uuid, composition: readableBy(user) },
        include: { composition: { select: { id: true, compositionId: true, name: true, ownerId: true } } },
      })
    : null;
  if (!execution)
    throw new AppError({ code: "not_found", message: `Execution "${executionId}" does not exist.` });
  return execution;
}

/** Cancel and retry: whoever started the run, the composition's owner, or an admin. */
export async function findControllableExecutionOrThrow(db: DbOrTx, user: SessionUser, executionId: string) {
  const execution = await findExecutionOrThrow(db, user, executionId);
  if (execution.triggeredById !== user.id && !canWrite(user, execution.composition)) {
    throw new AppError({
      code: "forbidden",
      message: "Only whoever started this run, the owner or an admin can do that.",
    });
  }
  return execution;
}
