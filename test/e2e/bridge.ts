import type { Page } from '@playwright/test';
import type { OperationInput, OperationName, OperationOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';

/** Calls the console's bridge from the page, as the renderer would (the page's cookie carries the token). */
export async function callBridge<N extends OperationName>(
  page: Page,
  operation: N,
  input: OperationInput<N>,
): Promise<Result<OperationOutput<N>>> {
  return page.evaluate(
    ([name, body]) =>
      fetch(`/bridge/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json()),
    [operation, input] as const,
  ) as Promise<Result<OperationOutput<N>>>;
}
