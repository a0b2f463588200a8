/**
 * The node slots of one worker process, counted per user (whose run it is: who started it, else the
 * composition's or workflow's owner). A user holds at most `perUser` of them, so however many slow
 * nodes one user starts (delays, long queries), a slot stays free for everyone else's; the user's
 * next node waits for one of their own to finish.
 */
export class NodeSlots {
  private readonly byUser = new Map<string, number>();
  private total = 0;

  constructor(readonly perUser: number) {}

  /** Whether a node of `user` may start now; cheap to ask when this worker is not nearly full. */
  mayStart(user: string | null): boolean {
    if (this.total < this.perUser || user === null) return true;
    return (this.byUser.get(user) ?? 0) < this.perUser;
  }

  /** Whether knowing the user is needed to answer `mayStart` (the worker holds `perUser` nodes or more). */
  get nearlyFull(): boolean {
    return this.total >= this.perUser;
  }

  take(user: string | null): void {
    this.total += 1;
    if (user !== null) this.byUser.set(user, (this.byUser.get(user) ?? 0) + 1);
  }

  release(user: string | null): void {
    this.total -= 1;
    if (user === null) return;
    const left = (this.byUser.get(user) ?? 1) - 1;
    if (left) this.byUser.set(user, left);
    else this.byUser.delete(user);
  }
}

/** The user a node execution's run belongs to, as SQL over `workflow_executions w` (for `mayStart`). */
export const RUNNER_OF_NODE = `(
  SELECT coalesce(ce.triggered_by, c.owner_id) FROM composition_executions ce
  JOIN template_flow_compositions c ON c.id = ce.composition_id WHERE ce.id = w.composition_execution_id
  UNION ALL
  SELECT coalesce(w.triggered_by, wf.owner_id) FROM workflows wf
  WHERE w.composition_execution_id IS NULL AND wf.id = w.workflow_id
  LIMIT 1)`;
