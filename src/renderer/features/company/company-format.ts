/** Words and small helpers for the company view: ages, data type names, Codat's connection errors. */
import type { DataConnectionError } from '@shared/codat/schemas';
import { isCancellation } from '@shared/domain/connections';
import { formatDateTime, formatRelative } from '@renderer/lib/format';

/** "just now", "12 s ago", "3 min ago", then the locale's relative words. */
export function ageInWords(since: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return formatRelative(new Date(since).toISOString(), now);
}

/** "in 25 s", "in 2 min" for a wait that Codat asked for. */
export function waitInWords(until: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

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
 * Codat's statusCode on a link error says what happened (API-NOTES §7: 403 cancelled, 500 unknown, 501 not
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
