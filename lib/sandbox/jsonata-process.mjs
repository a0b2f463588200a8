// A sandbox process of workerpool's: user-written JSONata never runs on a server's event loop, and an
// expression that exhausts memory ends this process only (a worker thread's heap overrun aborts the
// whole Node 20 process, measured). Plain JavaScript, so Next.js, tsx and Vitest all start it as it is.
import jsonata from "jsonata";
import workerpool from "workerpool";

/**
 * Evaluates one expression. The answer is JSON-safe (a JSONata function value or `undefined` becomes
 * null), and a failure is an answer rather than a thrown error so its message crosses intact.
 */
async function evaluate(expression, input) {
  try {
    const value = await jsonata(expression).evaluate(input);
    return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value) ?? "null") };
  } catch (error) {
    return { ok: false, message: error?.message ?? String(error) };
  }
}

workerpool.worker({ evaluate });
