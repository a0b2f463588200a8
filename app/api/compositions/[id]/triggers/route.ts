import { otherMethods } from "@/lib/api/methods";
import { triggerRoutes } from "@/lib/triggers/routes";

// GET /api/compositions/:id/triggers — its webhooks; POST — a new one (201 with its URL, and a signed one's secret)
export const { GET, POST } = triggerRoutes((params) => ({ compositionId: params.id }));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
