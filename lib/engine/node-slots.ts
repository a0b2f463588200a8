/** The flag a node's job carries for the user whose run it is (prisma/functions/queryflow_enqueue_node.sql). */
const RUNNER_FLAG = "runner:";

/** The user a node's job was flagged with; null for jobs without one (added before flags were). */
export function runnerOf(flags: Record<string, unknown> | null): string | null {
  const flag = Object.keys(flags ?? {}).find((name) => name.startsWith(RUNNER_FLAG));
  return flag ? flag.slice(RUNNER_FLAG.length) : null;
}

/**
 * The node slots of one worker process, counted per user (whose run it is: who started it, else the
 * composition's or workflow's owner). A user holds at most `perUser` of them, so however many slow
 * nodes one user starts (delays, long queries), the other slots stay free for everyone else's. The
 * worker does not fetch the jobs of a user who holds their share (`forbiddenFlags`); one fetched in
 * the instant before is put back (see runNode).
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

  /** The flags of the users who hold their share: the worker fetches none of their jobs. */
  forbiddenFlags(): string[] {
    return [...this.byUser]
      .filter(([, held]) => held >= this.perUser)
      .map(([user]) => `${RUNNER_FLAG}${user}`);
  }
}
