import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { setFavorite } from "@/lib/compositions/favorites";
import { db } from "@/lib/db/client";

type Params = { id: string };

// PUT /api/compositions/:id/favorite — mark as favorite (idempotent)
export const PUT = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await setFavorite(db(), user, params.id, true)),
);

// DELETE /api/compositions/:id/favorite — unmark (idempotent)
export const DELETE = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await setFavorite(db(), user, params.id, false)),
);

export const { GET, POST, PATCH } = otherMethods("PUT", "DELETE");
