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

/** Why an expression is not usable, or null. */
export function cronError(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `needs 5 fields (or 6, with seconds first), not ${fields}`;
  try {
    parse(expression, "UTC");
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, "");
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

/** The expression in words ("At 09:00 AM, Monday through Friday"). */
export function describeCron(expression: string): string {
  return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
}
