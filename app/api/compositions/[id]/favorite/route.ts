import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { setFavorite } from "@/lib/compositions/favorites";
import { db } from "@/lib/db/client";

// Both idempotent: marking a favorite twice leaves one mark.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.favorite, async ({ user, params }) => setFavorite(db(), user, params.id, true)),
  handle(api.unfavorite, async ({ user, params }) => setFavorite(db(), user, params.id, false)),
);
