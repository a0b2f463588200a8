import { plural } from "@/lib/plural";

/**
 * A run's progress in one line that agrees with its node list: while it runs, how many nodes have
 * finished; once it has ended, how many completed and what became of the others ("0 of 3 completed:
 * 1 failed, 2 skipped").
 */
export function progressText(statuses: string[], live: boolean): string {
  const count = (status: string) => statuses.filter((each) => each === status).length;
  const total = statuses.length;
  if (live) {
    const done = statuses.filter((status) => !["pending", "queued", "running"].includes(status)).length;
    return `${done} of ${plural(total, "node")} finished`;
  }
  const others = ["failed", "skipped", "cancelled", "pending", "queued", "running"]
    .map((status) => [status, count(status)] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === "pending" || status === "queued" ? "not run" : status}`);
  return `${count("completed")} of ${total} completed${others.length ? `: ${others.join(", ")}` : ""}`;
}
