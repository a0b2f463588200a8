// Who a request acts as, in one module of its own (session.ts, tokens.ts, signup.ts and every
// service use it; none of them needs another for it).

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: "user" | "admin";
}

/** A user row as a SessionUser: only the role `admin` is an admin; anything else is a user. */
export const toSessionUser = (row: {
  id: string;
  name: string;
  email: string;
  role?: string | null;
}): SessionUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role === "admin" ? "admin" : "user",
});
