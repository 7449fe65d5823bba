/**
 * Codat's daily quota (docs/codat-api.md §6): every response carries X-Rate-Limit-Limit/-Remaining/-Reset; once the
 * quota is used, 429 with Retry-After until 00:00 UTC (sandbox time).
 */
import { day } from './clock';

export class DailyQuota {
  private used = 0;
  private windowStart: number;

  constructor(
    private quota: number,
    now: number,
  ) {
    this.windowStart = startOfUtcDay(now);
  }

  /** Counts one request; false when the quota is exhausted (the request is refused, not counted). */
  take(now: number): boolean {
    this.roll(now);
    if (this.used >= this.quota) return false;
    this.used += 1;
    return true;
  }

  headers(now: number): Record<string, string> {
    this.roll(now);
    return {
      'X-Rate-Limit-Limit': String(this.quota),
      'X-Rate-Limit-Remaining': String(Math.max(0, this.quota - this.used)),
      'X-Rate-Limit-Reset': new Date(this.windowStart + day).toISOString(),
    };
  }

  retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((this.windowStart + day - now) / 1000));
  }

  set(options: { dailyQuota?: number; remaining?: number }, now: number): void {
    this.roll(now);
    if (options.dailyQuota !== undefined) this.quota = Math.max(0, Math.floor(options.dailyQuota));
    if (options.remaining !== undefined) this.used = Math.max(0, this.quota - Math.floor(options.remaining));
  }

  snapshot(now: number) {
    this.roll(now);
    return {
      dailyQuota: this.quota,
      remaining: Math.max(0, this.quota - this.used),
      resetsAt: new Date(this.windowStart + day).toISOString(),
    };
  }

  private roll(now: number) {
    const today = startOfUtcDay(now);
    if (today !== this.windowStart) {
      this.windowStart = today;
      this.used = 0;
    }
  }
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / day) * day;
}
