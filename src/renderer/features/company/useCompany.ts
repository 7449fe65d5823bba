/** The company, as Codat has it: read once on open, and its connections read again after a change. */
import { useCallback, useEffect, useState } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export type CompanyLoad =
  { status: 'loading' } | { status: 'ready'; company: Company } | { status: 'failed'; error: BridgeError };

export function useCompany(companyId: string) {
  const [load, setLoad] = useState<CompanyLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    // Main answers from its short-lived cache when search has just fetched this company: one call on open.
    void linkdesk.companies.get({ companyId }).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'ready', company: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [companyId, attempt]);

  return { load, retry: () => setAttempt((count) => count + 1) };
}

/** The company and its connections as shown, starting from what was loaded; changed connections are merged in. */
export function useCompanyConnections(loaded: Company) {
  const [company, setCompany] = useState(loaded);
  const [connections, setConnections] = useState<Connection[]>(loaded.dataConnections ?? []);
  const [reloadError, setReloadError] = useState<BridgeError | null>(null);

  const upsertConnection = useCallback((connection: Connection) => {
    setConnections((current) =>
      current.some((candidate) => candidate.id === connection.id)
        ? current.map((candidate) => (candidate.id === connection.id ? connection : candidate))
        : [...current, connection],
    );
  }, []);

  /** Reads the company afresh (not from main's cache): after an unlink, a delete, or a create whose outcome is unknown. */
  const reloadConnections = async () => {
    setReloadError(null);
    const result = await linkdesk.companies.get({ companyId: loaded.id, fresh: true });
    if (!result.ok) {
      setReloadError(result.error);
      return;
    }
    setCompany(result.value);
    setConnections(result.value.dataConnections ?? []);
  };

  return { company, connections, upsertConnection, reloadConnections, reloadError };
}
