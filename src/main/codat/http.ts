/**
 * The Codat HTTP transport for one profile, on ky: auth header, JSON, timeouts, a concurrency limit, retries
 * with backoff that honour Retry-After, rate-limit headers, and every failure turned into a typed BridgeFailure.
 *
 * Retries are ours rather than ky's: ky falls back to `X-Rate-Limit-Reset` when `Retry-After` is absent, and
 * Codat sends that header (the end of the UTC day) on every response, so a plain 503 would wait until midnight.
 */
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { errorMessageSchema } from '@shared/codat/schemas';
import { BridgeFailure } from '@shared/result';
import type { Logger } from '../log';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 5, initialDelayMs: 500, factor: 1.5, maxDelayMs: 60_000 };

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

export interface CodatHttpOptions {
  baseUrl: string;
  /** A raw API key, or a pasted `Basic …` header. */
  credential: string;
  timeoutMs?: number;
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
  onRateLimit?(info: RateLimitInfo): void;
  /** Told whether Codat could be reached at all (any HTTP answer counts as reachable). */
  onReachability?(reachable: boolean): void;
  /** Where retries, rate limits and Codat's errors (with their correlation IDs) are written for support. */
  log?: Logger;
  /** For tests: how to wait between attempts, and the jitter source. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  random?(): number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** An already-encoded query string, without `?` (Codat's `query` must be encoded exactly once). */
  search?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Never retry this request automatically (non-idempotent POST). */
  noRetry?: boolean;
}

export interface CodatHttp {
  readonly baseUrl: string;
  request<T>(method: HttpMethod, path: string, schema: z.ZodType<T> | null, options?: RequestOptions): Promise<T>;
}

/** `Basic base64(key)` for a raw key; a pasted `Basic …` header is used as it is (docs/codat-api.md §1). */
export function authorizationHeader(credential: string): string {
  const trimmed = credential.trim();
  const pasted = /^Basic\s+(\S+)$/i.exec(trimmed);
  if (pasted) return `Basic ${pasted[1]}`;
  return `Basic ${Buffer.from(trimmed).toString('base64')}`;
}

/** Seconds or an HTTP date, as milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (retry - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
const idempotent = new Set<HttpMethod>(['GET', 'PUT', 'PATCH', 'DELETE']);

export function createCodatHttp(options: CodatHttpOptions): CodatHttp {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 20_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const slots = createSemaphore(options.maxInFlight ?? 4);
  const client: KyInstance = ky.create({
    prefixUrl: baseUrl,
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: true,
    headers: { Authorization: authorizationHeader(options.credential), Accept: 'application/json' },
    hooks: {
      afterResponse: [
        (_request, _options, response) => {
          options.onReachability?.(true);
          const info = readRateLimit(response.headers);
          if (info) options.onRateLimit?.(info);
          return response;
        },
      ],
    },
  });

  async function attempt(method: HttpMethod, path: string, request: RequestOptions): Promise<Response> {
    const release = await slots.acquire(request.signal);
    try {
      const url = path.replace(/^\/+/, '') + (request.search ? `?${request.search}` : '');
      return await client(url, {
        method,
        ...(request.body !== undefined ? { json: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } finally {
      release();
    }
  }

  return {
    baseUrl,
    async request<T>(
      method: HttpMethod,
      path: string,
      schema: z.ZodType<T> | null,
      request: RequestOptions = {},
    ): Promise<T> {
      const label = `${method} ${path.split('?')[0]}`;
      const mayRetry = idempotent.has(method) && !request.noRetry;
      for (let retry = 0; ; retry += 1) {
        let response: Response;
        try {
          response = await attempt(method, path, request);
        } catch (error) {
          if (isAbort(error, request.signal)) throw error;
          const failure = await toFailure(error, label, baseUrl, timeoutMs);
          if (failure.error.code === 'network') options.onReachability?.(false);
          const wait = retryWait(error, failure, retry, mayRetry);
          if (wait === null) {
            options.log?.warn(`[codat] ${label} failed: ${describeFailure(failure)}`);
            throw failure;
          }
          options.log?.info(
            `[codat] ${label}: ${describeFailure(failure)}; retrying in ${wait} ms (retry ${retry + 1} of ${policy.retries})`,
          );
          await sleep(wait, request.signal);
          continue;
        }
        return parseBody(response, schema, label) as Promise<T>;
      }
    },
  };

  function retryWait(error: unknown, failure: BridgeFailure, retry: number, mayRetry: boolean): number | null {
    if (!mayRetry || retry >= policy.retries) return null;
    const status = error instanceof HTTPError ? error.response.status : null;
    if (status !== null && !retryableStatuses.has(status)) return null;
    if (status === null && failure.error.code !== 'network') return null; // timeouts and bad bodies are not retried blindly
    const retryAfter = failure.error.retryAfterMs;
    if (retryAfter !== undefined) return retryAfter <= policy.maxDelayMs ? retryAfter : null;
    return backoffDelay(retry + 1, policy, random);
  }
}

/** One line for the support log: what kind of failure, Codat's status and words, and its correlation ID. */
function describeFailure({ error }: BridgeFailure): string {
  const status = error.status !== undefined ? ` HTTP ${error.status}` : '';
  const correlation = error.correlationId ? ` (correlation ID ${error.correlationId})` : '';
  const retryAfter =
    error.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(error.retryAfterMs / 1000)} s)` : '';
  return `${error.code}${status}: ${error.message}${correlation}${retryAfter}`;
}

async function parseBody<T>(response: Response, schema: z.ZodType<T> | null, label: string): Promise<T | undefined> {
  const text = await response.text();
  if (schema === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BridgeFailure({
      code: 'bad_response',
      status: response.status,
      message: `Codat's answer to ${label} was not valid JSON (${text.length} bytes).`,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new BridgeFailure({
      code: 'bad_response',
      status: response.status,
      message: `Codat's answer to ${label} was not in the expected shape (${fields.join('; ')}).`,
      details: fields,
    });
  }
  return parsed.data;
}

async function toFailure(error: unknown, label: string, baseUrl: string, timeoutMs: number): Promise<BridgeFailure> {
  if (error instanceof BridgeFailure) return error;
  if (error instanceof HTTPError) {
    const { response } = error;
    const text = await response.text().catch(() => '');
    let body: ReturnType<typeof errorMessageSchema.safeParse>['data'];
    try {
      body = errorMessageSchema.safeParse(JSON.parse(text)).data;
    } catch {
      body = undefined;
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    const details = (body?.validation?.errors ?? [])
      .map((item) => item.message)
      .filter((message): message is string => typeof message === 'string' && message.length > 0);
    return new BridgeFailure({
      code: response.status === 429 ? 'rate_limited' : 'codat',
      status: response.status,
      message: body?.error || `Codat answered ${label} with HTTP ${response.status}.`,
      ...(body?.correlationId ? { correlationId: body.correlationId } : {}),
      ...(retryAfterMs !== null ? { retryAfterMs } : {}),
      ...(details.length > 0 ? { details } : {}),
    });
  }
  if (error instanceof TimeoutError) {
    return new BridgeFailure({
      code: 'timeout',
      message: `Codat did not answer ${label} within ${Math.round(timeoutMs / 1000)} s.`,
    });
  }
  const cause =
    error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
  return new BridgeFailure({
    code: 'network',
    message: `Could not reach Codat at ${baseUrl} for ${label} (${cause}).`,
  });
}

function readRateLimit(headers: Headers): RateLimitInfo | null {
  const limit = headers.get('X-Rate-Limit-Limit');
  const remaining = headers.get('X-Rate-Limit-Remaining');
  const reset = headers.get('X-Rate-Limit-Reset');
  if (limit === null && remaining === null && reset === null) return null;
  const number = (value: string | null) => (value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null);
  const resetDate = reset ? Date.parse(reset) : NaN;
  return {
    limit: number(limit),
    remaining: number(remaining),
    resetAt: Number.isNaN(resetDate) ? null : new Date(resetDate).toISOString(),
  };
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return !!signal?.aborted || (error instanceof Error && error.name === 'AbortError');
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** At most `size` requests in flight; waiters are served in order and can give up via their signal. */
function createSemaphore(size: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active -= 1;
    queue.shift()?.();
  };
  return {
    acquire(signal?: AbortSignal): Promise<() => void> {
      if (active < size) {
        active += 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          active += 1;
          resolve(once(release));
        };
        const onAbort = () => {
          const index = queue.indexOf(grant);
          if (index !== -1) queue.splice(index, 1);
          reject(signal?.reason);
        };
        queue.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
