const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a path segment is a well-formed uuid. Checked before a lookup by id, so that a malformed id
 * (36 dashes, say) is a plain 404 rather than a database error.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
