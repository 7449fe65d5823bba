/** Codat's source types (Accounting, Banking…) as people read them, wherever a platform is shown. */
import { isKnownSourceType, type Extensible, type SourceType } from '@shared/codat/schemas';

export const sourceTypeLabels: Record<SourceType, string> = {
  Accounting: 'Accounting',
  Banking: 'Banking',
  Commerce: 'Commerce',
  BankFeed: 'Bank feeds',
  Expense: 'Expense',
  Other: 'Other',
  Unknown: 'Other',
};

/** A source type as people read it; none is "Other", and one Codat added later is "Unknown type: <Codat's word>". */
export function sourceTypeLabel(sourceType: Extensible<SourceType> | undefined): string {
  if (sourceType === undefined) return sourceTypeLabels.Other;
  return isKnownSourceType(sourceType) ? sourceTypeLabels[sourceType] : `Unknown type: ${sourceType}`;
}
