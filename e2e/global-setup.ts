import { mkdirSync } from "node:fs";
import path from "node:path";
import { type FullConfig, request } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./fixtures";

/** Creates the first account, which becomes the admin, and keeps its session for the specs. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const response = await context.post("/api/auth/sign-up/email", { data: ADMIN });
  if (!response.ok())
    throw new Error(`Could not create the admin account: ${response.status()} ${await response.text()}`);
  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await context.storageState({ path: ADMIN_STATE });
  await context.dispose();
}
