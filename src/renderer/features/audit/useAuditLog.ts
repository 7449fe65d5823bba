import { useEffect, useState } from 'react';
import type { AuditAction, AuditRecord } from '@shared/domain/audit';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export interface AuditFilters {
  action: AuditAction | '';
  /** A company name or id, as typed. */
  company: string;
  /** Local dates (yyyy-mm-dd), whole days: '' for no bound. */
  from: string;
  to: string;
}

/**
 * The audit records main finds for the filters, read again 150 ms after the filters stop changing. `upToDate` is
 * false while the records shown are still those of earlier filters (an export then would not be what is asked).
 */
export function useAuditLog({ action, company, from, to }: AuditFilters) {
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const asked = JSON.stringify([action, company, from, to]);
  const [answered, setAnswered] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [failure, setFailure] = useState<BridgeError | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await linkdesk.audit.list({
        ...(action ? { action } : {}),
        ...(company.trim() ? { company: company.trim() } : {}),
        ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
        ...(to ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
      });
      if (!current) return;
      if (result.ok) {
        setRecords(result.value.records);
        setAnswered(asked);
        setWarnings(result.value.warnings);
        setFailure(null);
      } else setFailure(result.error);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [action, company, from, to, asked]);

  return { records, warnings, failure, upToDate: answered === asked };
}
