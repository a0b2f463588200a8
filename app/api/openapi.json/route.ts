import { metaApi as api } from "@/lib/api/meta-api";
import { handlePublic, route } from "@/lib/auth/handle";
import { openApiDocument } from "./document";

// Public: it holds no data.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handlePublic(api.openApi, async () => openApiDocument()),
);
