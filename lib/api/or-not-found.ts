import { notFound } from "next/navigation";
import { AppError } from "./errors";

/**
 * For a page: what `loading` resolves to, or Next's 404 page when it fails as not_found (a private
 * resource of someone else reads as missing, as the API answers it). Other failures stay failures.
 */
export async function orNotFound<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
