/**
 * The node slots of one worker process, counted per user (whose run it is: who started it, else the
 * composition's or workflow's owner). A user holds at most `perUser` of them, so however many slow
 * nodes one user starts (delays, long queries), the other slots stay free for everyone else's; the
 * user's next node waits for one of their own to finish.
 */
export class NodeSlots {
  private readonly byUser = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** Takes a slot for a node of `user` unless the user holds their share; no await between check and take. */
  tryTake(user: string | null): boolean {
    if (user === null) return true;
    const held = this.byUser.get(user) ?? 0;
    if (held >= this.perUser) return false;
    this.byUser.set(user, held + 1);
    return true;
  }

  release(user: string | null): void {
    if (user === null) return;
    const left = (this.byUser.get(user) ?? 1) - 1;
    if (left) this.byUser.set(user, left);
    else this.byUser.delete(user);
  }
}

/** The user a node execution's run belongs to, as SQL over `workflow_executions w`. */
export const RUNNER_OF_NODE = `(
  SELECT coalesce(ce.triggered_by, c.owner_id) FROM composition_executions ce
  JOIN template_flow_compositions c ON c.id = ce.composition_id WHERE ce.id = w.composition_execution_id
  UNION ALL
  SELECT coalesce(w.triggered_by, wf.owner_id) FROM workflows wf
  WHERE w.composition_execution_id IS NULL AND wf.id = w.workflow_id
  LIMIT 1)`;
