/**
 * Faults a test (or a trainee) switches on per route: latency, an injected status (5xx, 429 with Retry-After,
 * 402…), a malformed JSON body, a dropped connection (before or after the request takes effect) and a hung
 * response.
 */
export interface FaultRule {
  /** HTTP method; any when absent. */
  method?: string;
  /** `/companies/*​/connections` — `*` is one path segment, a trailing `/**` any remainder. Query ignored. */
  path: string;
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number;
  latencyMs?: number;
  status?: number;
  /** With status 429 (or 503): the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** Send a body that is not valid JSON (after the request took effect). */
  malformed?: boolean;
  /** Destroy the connection without an answer: `before` the request takes effect, or `after` it did. */
  drop?: 'before' | 'after';
  /** Never answer (until the client gives up or the sandbox closes). */
  hang?: boolean;
}

export interface ActiveFault extends FaultRule {
  id: string;
}

export class FaultTable {
  private rules: ActiveFault[] = [];
  private counter = 0;

  add(rule: FaultRule): string {
    validateRule(rule);
    const id = `fault-${++this.counter}`;
    this.rules.push({ ...rule, id });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule matching this request, consuming one of its `times`. */
  take(method: string, path: string): ActiveFault | undefined {
    const index = this.rules.findIndex(
      (rule) => (!rule.method || rule.method.toUpperCase() === method.toUpperCase()) && pathMatches(rule.path, path),
    );
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return { ...rule };
  }
}

export function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('?')[0]!.split('/').filter(Boolean);
  const got = path.split('?')[0]!.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i += 1) {
    const segment = want[i];
    if (segment === '**' && i === want.length - 1) return true;
    if (got[i] === undefined) return false;
    if (segment !== '*' && segment !== got[i]) return false;
  }
  return want.length === got.length;
}

function validateRule(rule: FaultRule): void {
  if (typeof rule.path !== 'string' || !rule.path.startsWith('/'))
    throw new Error('A fault needs a path starting with /.');
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new Error('A fault status must be an HTTP status code.');
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) throw new Error('latencyMs must be zero or more.');
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new Error('times must be a positive whole number.');
  }
  if (rule.drop !== undefined && rule.drop !== 'before' && rule.drop !== 'after') {
    throw new Error("drop must be 'before' or 'after'.");
  }
}
