/** The day's request quota: how much of it Linkdesk's own background and bulk work leaves for the account managers. */

/** Leave this much of the day's quota for the account managers (5 %, at least 50 requests). */
export function quotaReserve(limit: number | null): number {
  return Math.max(50, Math.ceil((limit ?? 0) * 0.05));
}

/** Whether the requests left today (as Codat last said) are down to the reserve; unknown counts as not low. */
export function isQuotaLow(rateLimit: { limit: number | null; remaining: number | null } | null): boolean {
  return rateLimit?.remaining != null && rateLimit.remaining <= quotaReserve(rateLimit.limit);
}
