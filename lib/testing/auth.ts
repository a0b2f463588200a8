import { createTestDatabase, type TestDatabase } from "./database";

/**
 * A test database for the app's own better-auth (`auth()` from lib/auth/auth.ts), configured through
 * the environment as `npm start` would, with the given variables on top. Call once per test file,
 * before the first `auth()`: the instance is created on first use.
 */
export async function createAuthTestDatabase(variables: Record<string, string>): Promise<TestDatabase> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: "a-test-secret-that-is-long-enough-for-better-auth",
    ...variables,
  });
  return database;
}
