import { triggerRoutes } from "@/lib/triggers/routes";

export const { GET, POST, PUT, PATCH, DELETE } = triggerRoutes("composition");
