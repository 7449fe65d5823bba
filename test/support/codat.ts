/** A Codat client of ours pointed at a test sandbox, with no retries (a test fails fast and counts requests). */
import { createCodatApi } from '@main/codat/api';
import { createCodatHttp } from '@main/codat/http';
import type { TestSandbox } from './sandbox';

export function codatFor(sandbox: TestSandbox) {
  const api = createCodatApi(
    createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey, retry: { retries: 0 } }),
  );
  return async () => api;
}
