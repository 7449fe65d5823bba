/** The day's request quota: how much of it Linkdesk's own background and bulk work leaves for the account managers. */

/** Leave this much of the day's quota for the account managers (5 %, at least 50 requests). */
export function quotaReserve(limit: number | null): number {
  return Math.max(50, Math.ceil((limit ?? 0) * 0.05));
}

/** Whether the requests left today (as Codat last said) are down to the reserve; unknown counts as not low. */
export function isQuotaLow(rateLimit: { limit: number | null; remaining: number | null } | null): boolean {
  return rateLimit?.remaining != null && rateLimit.remaining <= quotaReserve(rateLimit.limit);
}

/**
 * What Codat last said of the day's quota, as it stands at `at`: once the reset it announced has passed, what was left
 * that day says nothing of today (the limit still holds). Without this, a background check that saw a low quota
 * would wait for its reset and then, hearing nothing newer, take it for low again.
 */
export function rateLimitAt<T extends { remaining: number | null; resetAt: string | null }>(
  rateLimit: T | null,
  at: number,
): T | null {
  const reset = rateLimit?.resetAt ? Date.parse(rateLimit.resetAt) : NaN;
  return rateLimit && Number.isFinite(reset) && reset <= at ? { ...rateLimit, remaining: null } : rateLimit;
}
