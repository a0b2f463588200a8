/** The request header through which the sign-up form passes an invite token (no secrets in URLs sent to the API). */
export const INVITE_HEADER = "x-queryflow-invite";
