/** Usernames are compared case-insensitively: stored and looked up trimmed and in lower case. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** 3–64 letters (any script), digits, '.', '_', '-' or '@', after normalisation. */
export const USERNAME_PATTERN = /^[\p{L}\p{N}._@-]{3,64}$/u;

export function isValidUsername(normalized: string): boolean {
  return USERNAME_PATTERN.test(normalized);
}
