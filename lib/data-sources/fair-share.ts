import { AppError } from "@/lib/api/errors";

/**
 * Work admitted at most `perKey` at a time per key (a user, or a user on one source), first come
 * first served within the key: a user's slow work queues behind their own, never in front of anyone
 * else's. At most `maxWaiting` wait per key; past that the call is refused with 429. Counted per
 * process: each web process keeps its own.
 */
export class FairShare {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly maxWaiting: number,
    private readonly what: string,
  ) {}

  async run<T>(key: string, perKey: number, work: () => Promise<T>): Promise<T> {
    const running = this.running.get(key) ?? 0;
    if (running < perKey) this.running.set(key, running + 1);
    else {
      const queue = this.waiting.get(key) ?? [];
      if (queue.length >= this.maxWaiting)
        throw new AppError({
          code: "too_many_requests",
          message: `You have ${running} ${this.what} running and ${queue.length} waiting, the most at once: wait for them to finish.`,
        });
      // The slot of the work that finishes passes straight to this one (see release).
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    }
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue && !queue.length) this.waiting.delete(key);
    if (next) {
      next();
      return;
    }
    const running = (this.running.get(key) ?? 1) - 1;
    if (running) this.running.set(key, running);
    else this.running.delete(key);
  }
}
