import "server-only";
import { databaseUnavailableResponse, errorResponse } from "@/lib/api/error-response";
import { db } from "@/lib/db/client";
import { databaseIsUp } from "@/lib/db/health";

/**
 * Runs an auth endpoint and turns what a database outage does to it into the 503 envelope: better-auth
 * answers its own failures with a bare 500, so a 500 is checked against the database — down, it is a
 * 503 with Retry-After (a sign-in form can say "try again"); up, the 500 stands.
 */
export async function withDatabaseCheck(handle: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    return errorResponse(error);
  }
  if (response.status !== 500 || (await databaseIsUp(db()))) return response;
  return databaseUnavailableResponse();
}
