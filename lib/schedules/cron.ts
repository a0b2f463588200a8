import { Cron } from "croner";
import cronstrue from "cronstrue";

/**
 * Cron maths, pure: every function takes the instant to count from, so tests fix `now`.
 *
 * Expressions have five fields (minute hour day-of-month month day-of-week) or six, with seconds
 * first. Days of month and of week combine as in classic cron: either matches.
 */
function parse(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, paused: true, legacyMode: true });
}

function inWords(expression: string): string {
  return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
}

/**
 * Why an expression is not usable, or null. This is the one rule of what a schedule may hold: croner
 * must be able to compute its runs, and cronstrue must be able to say it in words (it refuses some
 * that croner takes, such as `0 0 ? ? *` or `0 0 * * 5#L`), so a saved schedule always has both.
 */
export function cronError(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `needs 5 fields (or 6, with seconds first), not ${fields}`;
  try {
    parse(expression, "UTC");
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, "");
  }
  try {
    inWords(expression);
    return null;
  } catch (error) {
    return `cannot be described in words (${String(error).replace(/^Error: /, "")}); write it with plainer fields`;
  }
}

/** Whether `timezone` is an IANA time zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return timezone.length > 0;
  } catch {
    return false;
  }
}

/** The next `count` instants strictly after `after` at which the schedule fires. */
export function nextRuns(expression: string, timezone: string, after: Date, count: number): Date[] {
  return parse(expression, timezone).nextRuns(count, after);
}

/** The next instant strictly after `after`, or null when the expression never fires again. */
export function nextRun(expression: string, timezone: string, after: Date): Date | null {
  return nextRuns(expression, timezone, after, 1)[0] ?? null;
}

/**
 * The expression in words ("At 09:00, Monday through Friday"), or the expression itself for one that
 * cannot be described — a row saved before {@link cronError} refused such expressions must still list.
 */
export function describeCron(expression: string): string {
  try {
    return inWords(expression);
  } catch {
    return expression;
  }
}

/** The shortest gap, in seconds, between the next `sample` runs after `after` (Infinity if fewer than two). */
export function shortestInterval(expression: string, timezone: string, after: Date, sample = 20): number {
  const runs = nextRuns(expression, timezone, after, sample);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++)
    shortest = Math.min(shortest, (runs[i]!.getTime() - runs[i - 1]!.getTime()) / 1000);
  return shortest;
}
