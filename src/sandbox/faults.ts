/**
 * Faults a test (or a trainee) switches on per route: latency, an injected status (5xx, 429 with Retry-After,
 * 402…), a malformed JSON body, a dropped connection (before or after the request takes effect), a hung
 * response, and a rewritten JSON answer (values Codat may send one day, records of an unexpected shape).
 * A rule can be narrowed to query parameters (one page of a listing) and spread out (every n-th request).
 */

/**
 * One change to a JSON answer. `at` is a dotted path into the body:
 * - a property name (`status`, `results`) or an array index (`0`);
 * - `*`: every item of an array (or every value of an object);
 * - `[field=value]`: the array items whose `field` equals `value` (compared as text), written after the array's
 *   name or as its own segment: `results[key=gbol].sourceType`, `results.[id=…].status`.
 * Names cannot contain `.`, `[` or `]`. With `value` the place is set (created when its parent exists); with
 * `remove: true` it is deleted (an array item is taken out of the array). A path that matches nothing changes
 * nothing; the request log says how many places changed.
 *
 * Examples: `{ at: 'results[key=gbol].sourceType', value: 'Payroll' }` (GET /integrations),
 * `{ at: 'dataConnections.0.status', value: 'Suspended' }` (GET /companies/{id}),
 * `{ at: 'invoices.currentStatus', value: 'Throttled' }` (GET …/dataStatus),
 * `{ at: 'results.1.name', remove: true }` or `{ at: 'results.1.enabled', value: 'yes' }` (a broken record).
 */
export interface JsonRewrite {
  at: string;
  value?: unknown;
  remove?: boolean;
}

export interface FaultRule {
  /** HTTP method; any when absent. */
  method?: string;
  /** `/companies/*​/connections` — `*` is one path segment, a trailing `/**` any remainder. */
  path: string;
  /**
   * Query parameters the request must carry with exactly these values (others may be there too), e.g.
   * `{ page: '3' }` for the third page of a listing; any query when absent.
   */
  query?: Record<string, string>;
  /**
   * Applies to every n-th matching request only (the n-th, the 2n-th, …; retries count as requests); the others
   * go on to the next rule, or are answered normally. Every matching request when absent.
   */
  every?: number;
  /** How many requests it applies to (with `every`, how many of its turns); unlimited when absent. */
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
  /** Change the JSON answer (after the request took effect; only a 2xx answer with a body), in order. */
  rewrite?: JsonRewrite[];
}

export interface ActiveFault extends FaultRule {
  id: string;
}

export class FaultTable {
  private rules: ActiveFault[] = [];
  private counter = 0;
  /** How many matching requests each rule with `every` has seen. */
  private seen = new Map<string, number>();

  add(rule: FaultRule): string {
    validateRule(rule);
    const id = `fault-${++this.counter}`;
    this.rules.push({ ...rule, id });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.seen.delete(id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
    this.seen.clear();
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /**
   * The first rule that matches this request and whose turn it is, consuming one of its `times`. A rule with
   * `every` counts each matching request, and lets those that are not its turn on to the rules after it.
   */
  take(method: string, path: string, query: URLSearchParams = new URLSearchParams()): ActiveFault | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, path) || !queryMatches(rule.query, query)) continue;
      if (rule.every !== undefined) {
        const seen = (this.seen.get(rule.id) ?? 0) + 1;
        this.seen.set(rule.id, seen);
        if (seen % rule.every !== 0) continue;
      }
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) this.remove(rule.id);
      }
      return { ...rule };
    }
    return undefined;
  }
}

function queryMatches(wanted: Record<string, string> | undefined, query: URLSearchParams): boolean {
  return Object.entries(wanted ?? {}).every(([name, value]) => query.getAll(name).includes(value));
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

const ruleFields = new Set([
  'method',
  'path',
  'query',
  'every',
  'times',
  'latencyMs',
  'status',
  'retryAfterSeconds',
  'malformed',
  'drop',
  'hang',
  'rewrite',
]);

function validateRule(rule: FaultRule): void {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new Error('A fault is a JSON object.');
  // A misspelt field would otherwise be ignored, and the rule would hit every request it was meant to narrow.
  const unknown = Object.keys(rule).filter((field) => !ruleFields.has(field));
  if (unknown.length > 0) {
    throw new Error(`A fault has no field ${unknown.join(', ')}; it takes ${[...ruleFields].join(', ')}.`);
  }
  if (typeof rule.path !== 'string' || !rule.path.startsWith('/'))
    throw new Error('A fault needs a path starting with /.');
  if (rule.path.includes('?')) throw new Error('A fault path has no query string: match parameters with query.');
  if (rule.method !== undefined && (typeof rule.method !== 'string' || !/^[A-Za-z]+$/.test(rule.method))) {
    throw new Error('method must be an HTTP method such as GET.');
  }
  if (rule.query !== undefined) {
    const values = typeof rule.query === 'object' && rule.query !== null ? Object.values(rule.query) : [];
    if (Array.isArray(rule.query) || values.length === 0 || values.some((value) => typeof value !== 'string')) {
      throw new Error('query must be an object of parameter names and text values, such as {"page": "3"}.');
    }
  }
  if (rule.every !== undefined && !(Number.isInteger(rule.every) && rule.every > 0)) {
    throw new Error('every must be a positive whole number (2: every second matching request).');
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new Error('A fault status must be an HTTP status code.');
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) throw new Error('latencyMs must be zero or more.');
  if (
    rule.retryAfterSeconds !== undefined &&
    !(Number.isInteger(rule.retryAfterSeconds) && rule.retryAfterSeconds >= 0)
  ) {
    throw new Error('retryAfterSeconds must be a whole number of seconds, zero or more.');
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new Error('times must be a positive whole number.');
  }
  if (rule.drop !== undefined && rule.drop !== 'before' && rule.drop !== 'after') {
    throw new Error("drop must be 'before' or 'after'.");
  }
  if (rule.rewrite !== undefined) {
    if (!Array.isArray(rule.rewrite) || rule.rewrite.length === 0 || rule.rewrite.length > 50) {
      throw new Error('rewrite must be a list of 1 to 50 {at, value} or {at, remove: true}.');
    }
    for (const change of rule.rewrite) {
      if (typeof change !== 'object' || change === null || typeof change.at !== 'string') {
        throw new Error('Each rewrite needs `at`, a dotted path such as results.0.status.');
      }
      parsePath(change.at);
      if ('value' in change === (change.remove === true)) {
        throw new Error(`The rewrite at ${change.at} needs either a value or remove: true.`);
      }
    }
  }
}

type Step = { kind: 'name'; name: string } | { kind: 'every' } | { kind: 'where'; field: string; value: string };

function parsePath(at: string): Step[] {
  const steps: Step[] = [];
  for (const segment of at.split('.')) {
    const match = /^([^[\]]*)((?:\[[^=\]]+=[^\]]*\])*)$/.exec(segment);
    if (!match || (!match[1] && !match[2])) throw new Error(`Cannot read the rewrite path ${at} at “${segment}”.`);
    if (match[1] === '*') steps.push({ kind: 'every' });
    else if (match[1]) steps.push({ kind: 'name', name: match[1] });
    for (const [, field, value] of match[2]!.matchAll(/\[([^=\]]+)=([^\]]*)\]/g)) {
      steps.push({ kind: 'where', field: field!, value: value! });
    }
  }
  return steps;
}

type Place = { parent: unknown; key: string | number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The places (parent and key) one step selects under `node`. */
function placesUnder(node: unknown, step: Step): Place[] {
  if (!isRecord(node)) return [];
  if (step.kind === 'name') {
    if (Array.isArray(node)) return /^\d+$/.test(step.name) ? [{ parent: node, key: Number(step.name) }] : [];
    return [{ parent: node, key: step.name }];
  }
  const keys: Array<string | number> = Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node);
  if (step.kind === 'every') return keys.map((key) => ({ parent: node, key }));
  if (!Array.isArray(node)) return [];
  return keys
    .filter((key) => {
      const item: unknown = node[key as number];
      return isRecord(item) && String(item[step.field]) === step.value;
    })
    .map((key) => ({ parent: node, key }));
}

const valueAt = (place: Place): unknown => (place.parent as Record<string | number, unknown>)[place.key];

/** Applies the rewrites to `body` in place; returns how many places changed. */
export function applyRewrites(body: unknown, rewrites: readonly JsonRewrite[]): number {
  let changed = 0;
  for (const change of rewrites) {
    const steps = parsePath(change.at);
    let places: Place[] = [{ parent: { root: body }, key: 'root' }];
    for (const step of steps) places = places.flatMap((place) => placesUnder(valueAt(place), step));
    // Right to left, so taking items out of an array does not shift the ones still to remove.
    for (const place of [...places].reverse()) {
      const parent = place.parent as Record<string | number, unknown>;
      if (Array.isArray(parent) && (typeof place.key !== 'number' || place.key >= parent.length)) continue;
      if (change.remove) {
        if (!(place.key in parent)) continue;
        if (Array.isArray(parent)) parent.splice(place.key as number, 1);
        else delete parent[place.key];
      } else parent[place.key] = structuredClone(change.value);
      changed += 1;
    }
  }
  return changed;
}
