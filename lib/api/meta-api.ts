import { z } from "zod";
import { operation } from "./contract";

// The API's own endpoints: is it up, and what is it.

export const metaApi = {
  health: operation({
    method: "GET",
    path: "/api/health",
    summary:
      "No sign-in: 200 when the app and its database answer; 503 with the same body (database: down) and Retry-After when the database does not, for load balancers",
    response: z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["up", "down"]) }),
    status: 200,
    errors: [],
    access: "public",
    undocumented: true,
  }),
  openApi: operation({
    method: "GET",
    path: "/api/openapi.json",
    summary: "This document: the OpenAPI 3.1 description of the API",
    response: z.object({ openapi: z.string() }).loose(),
    status: 200,
    errors: [],
    access: "public",
    undocumented: true,
  }),
};
