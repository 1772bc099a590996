import type { CommandError } from "./types";

/** Whatever a rejected `invoke` gave, as a CommandError (the backend sends one; a broken
 * bridge sends a string). */
export function asCommandError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    return error as CommandError;
  }
  if (typeof error === "string") return { code: "internal", message: error };
  if (error instanceof Error) return { code: "internal", message: error.message };
  return { code: "internal", message: String(error) };
}
