/** Words and small helpers for the company view: ages, data type names, Codat's connection errors. */
import type { DataConnectionError } from '@shared/codat/schemas';
import { isCancellation } from '@shared/domain/connections';
import { formatDateTime, formatRelative } from '@renderer/lib/format';

/** "chartOfAccounts" -> "Chart of accounts"; "banking-accounts" -> "Banking accounts". */
export function dataTypeLabel(dataType: string): string {
  const words = dataType
    .split('-')
    .flatMap((part) => part.split(/(?=[A-Z])/))
    .map((word) => word.toLowerCase())
    .filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Codat's statusCode on a link error says what happened (docs/codat-api.md §7: 403 cancelled, 500 unknown, 501 not
 * supported); the words it came with are shown as they are, since support will recognise them.
 */
export function connectionErrorSummary(error: DataConnectionError): string {
  const what = isCancellation(error)
    ? 'The customer cancelled'
    : error.statusCode === '500'
      ? 'An unknown error stopped the authorisation'
      : error.statusCode === '501'
        ? 'This platform is not supported'
        : 'The authorisation failed';
  const codatWords = error.errorMessage ?? error.statusText;
  return codatWords ? `${what} (${codatWords})` : what;
}

/** The rest of Codat's record: the platform's own text, the HTTP code, and when. */
export function connectionErrorDetail(error: DataConnectionError, now: number): string {
  const parts: string[] = [];
  if (error.statusText && error.statusText !== error.errorMessage) parts.push(`“${error.statusText}”`);
  if (error.statusCode) parts.push(`status ${error.statusCode}`);
  if (error.erroredOnUtc)
    parts.push(`${formatRelative(error.erroredOnUtc, now)} (${formatDateTime(error.erroredOnUtc)})`);
  if (error.status === 'Resolved') parts.push('resolved');
  return parts.join(' · ');
}
