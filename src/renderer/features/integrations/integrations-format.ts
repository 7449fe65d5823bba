/** Words, filters and groups for the Integrations page. */
import type { SourceType } from '@shared/codat/schemas';
import type { IntegrationCard } from '@shared/contract';
import { formatRelative } from '@renderer/lib/format';
import { sourceTypeLabel, sourceTypeLabels } from '@renderer/lib/source-types';

export const showOptions = [
  { value: 'all', label: 'All' },
  { value: 'enabled', label: 'Enabled' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'beta', label: 'Beta' },
  { value: 'offline', label: 'Offline connectors' },
] as const;
export type ShowFilter = (typeof showOptions)[number]['value'];

export interface Filters {
  search: string;
  /** A source type label ("Accounting", "Bank feeds"…), or '' for all. */
  sourceType: string;
  show: ShowFilter;
}

/** The source type as people read it; integrations without one are "Other", a type Codat added later "Unknown type: …". */
export function sourceTypeOf(card: IntegrationCard): string {
  return sourceTypeLabel(card.sourceType);
}

const groupOrder: readonly SourceType[] = ['Accounting', 'Banking', 'Commerce', 'BankFeed', 'Expense', 'Other'];
const orderOf = (label: string) => {
  const position = groupOrder.findIndex((type) => sourceTypeLabels[type] === label);
  return position === -1 ? groupOrder.length : position;
};

/** The source type labels present, in Codat's usual order (Accounting, Banking, Commerce, then the rest). */
export function sourceTypesPresent(cards: readonly IntegrationCard[]): string[] {
  return [...new Set(cards.map(sourceTypeOf))].sort((a, b) => orderOf(a) - orderOf(b) || a.localeCompare(b));
}

export function matchesSearch(card: IntegrationCard, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return card.name.toLocaleLowerCase().includes(needle) || card.key.toLocaleLowerCase().includes(needle);
}

export function matchesFilters(card: IntegrationCard, filters: Filters): boolean {
  if (!matchesSearch(card, filters.search)) return false;
  if (filters.sourceType && sourceTypeOf(card) !== filters.sourceType) return false;
  switch (filters.show) {
    case 'enabled':
      return card.enabled;
    case 'disabled':
      return !card.enabled;
    case 'beta':
      return card.isBeta;
    case 'offline':
      return card.isOfflineConnector;
    default:
      return true;
  }
}

/** What the customer is asked on Codat's selection page, per source type. */
const previewHeadings: Record<string, string> = {
  [sourceTypeLabels.Accounting]: 'Select your accounting software',
  [sourceTypeLabels.Banking]: 'Select your bank',
  [sourceTypeLabels.Commerce]: 'Select your commerce platform',
  [sourceTypeLabels.BankFeed]: 'Select your bank feed source',
  [sourceTypeLabels.Expense]: 'Select your expense platform',
};
export function previewHeading(sourceType: string): string {
  return previewHeadings[sourceType] ?? `Select your software (${sourceType.toLocaleLowerCase()})`;
}

export function groupBySourceType(cards: readonly IntegrationCard[]): Array<[string, IntegrationCard[]]> {
  return sourceTypesPresent(cards).map((type) => [type, cards.filter((card) => sourceTypeOf(card) === type)]);
}

const intuitKeys = new Set(['qhyg', 'pqsw']);
/** Intuit's platforms, whose guidelines require their own "Connect to QuickBooks" button. */
export function isIntuit(card: IntegrationCard): boolean {
  return intuitKeys.has(card.key) || /^quickbooks/i.test(card.name.trim());
}

/** "just now" under a minute, then the locale's relative words ("3 hours ago"). */
export function agoInWords(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isNaN(at) && Math.abs(now - at) < 60_000) return 'just now';
  return formatRelative(iso, now);
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
