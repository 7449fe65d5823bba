/** Starts an in-process sandbox on a manual clock, with a small fetch helper for tests. */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '@sandbox/server';

export const sandboxEpoch = '2026-06-01T09:00:00.000Z';

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestSandbox extends SandboxHandle {
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  /** The first company with this exact name. */
  companyId(name: string): string;
  /** Creates a company over the API. */
  newCompany(name?: string): Promise<{ id: string }>;
  /** Creates a connection to this platform over the API (the answer as it comes: a refusal is a 4xx). */
  connect(companyId: string, platformKey: string): Promise<ApiAnswer>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ companies: 40, seed: 7, clock: { start: sandboxEpoch, speed: 0 }, ...options });
  const test: TestSandbox = {
    ...sandbox,
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: {
          Authorization: sandbox.authorization,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed as never, text };
    },
    companyId(name) {
      const id = sandbox.control.companyIdsNamed(name)[0];
      if (!id) throw new Error(`No sandbox company named ${name}`);
      return id;
    },
    async newCompany(name = 'Connections Test Ltd') {
      return (await test.call('POST', '/companies', { name })).body as { id: string };
    },
    connect(companyId, platformKey) {
      return test.call('POST', `/companies/${companyId}/connections`, { platformKey });
    },
  };
  return test;
}
