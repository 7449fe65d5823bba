import type { Page } from '@playwright/test';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { Result } from '@shared/result';

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

/** The bridge's answer to a call the test expects to succeed; a refusal fails the test with its message. */
export async function bridgeValue<N extends OperationName>(
  page: Page,
  operation: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  const answer = await callBridge(page, operation, input);
  if (!answer.ok) throw new Error(`${operation} failed: ${answer.error.message}`);
  return answer.value;
}

/**
 * The company with exactly this name, found through the bridge. Main cancels a search that a newer one supersedes,
 * and the page's own type-ahead may search at the same moment: a cancelled answer is asked again, as the page does.
 */
export async function companyNamed(page: Page, name: string): Promise<{ id: string; name: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await callBridge(page, 'companies.search', { text: name });
    if (!answer.ok && answer.error.code === 'cancelled') continue;
    const company = answer.ok ? answer.value.results.find((result) => result.name === name) : undefined;
    if (!company)
      throw new Error(`No company named ${name}: ${answer.ok ? 'not in the results' : answer.error.message}`);
    return company;
  }
  throw new Error(`Searching for ${name} was cancelled three times in a row.`);
}
