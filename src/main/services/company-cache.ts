/**
 * What Codat has just said about companies and their connections, kept for a short while so that "find, open,
 * connect" costs as few requests as it can, and the connection statuses this console saw, for the timeline.
 * Shared by the companies and connections services; cleared when the profile changes.
 */
import type { Company, Connection } from '@shared/codat/schemas';

/** How long a company just fetched counts as fresh enough to open without asking again. */
export const companyFreshMs = 60_000;
const maxCompanies = 2000;
const maxObservationsPerConnection = 50;

export function createCompanyCache(
  now: () => number = Date.now,
  /** Told about every connection Codat describes (follow-ups learn when a link was issued). */
  onConnection?: (connection: Connection) => void,
) {
  const recent = new Map<string, { company: Company; at: number }>();
  const observations = new Map<string, Array<{ at: string; status: Connection['status'] }>>();

  const observe = (connection: Connection) => {
    onConnection?.(connection);
    const seen = observations.get(connection.id) ?? [];
    if (seen.at(-1)?.status !== connection.status) {
      seen.push({ at: new Date(now()).toISOString(), status: connection.status });
      observations.set(connection.id, seen.slice(-maxObservationsPerConnection));
    }
  };

  return {
    /** Keeps a company Codat just returned; returns it, for chaining. */
    remember(company: Company): Company {
      (company.dataConnections ?? []).forEach(observe);
      recent.set(company.id, { company, at: now() });
      if (recent.size > maxCompanies) recent.delete(recent.keys().next().value as string);
      return company;
    },
    /** A company fetched within the last minute, or null. */
    fresh(companyId: string): Company | null {
      const known = recent.get(companyId);
      return known && now() - known.at < companyFreshMs ? known.company : null;
    },
    /** The company as last fetched, however long ago (names for the audit trail; never for deciding anything). */
    known(companyId: string): Company | null {
      return recent.get(companyId)?.company ?? null;
    },
    /** Every company known, however old (names to suggest when a search finds nothing; never for deciding). */
    all(): Company[] {
      return [...recent.values()].map((known) => known.company);
    },
    /** The known company that has this connection, if any. */
    ownerOfConnection(connectionId: string): Company | null {
      for (const { company } of recent.values()) {
        if (company.dataConnections?.some((connection) => connection.id === connectionId)) return company;
      }
      return null;
    },
    /** What Codat answered about one connection replaces what was known of it. */
    rememberConnection(companyId: string, connection: Connection) {
      observe(connection);
      const known = recent.get(companyId);
      if (!known) return;
      const others = (known.company.dataConnections ?? []).filter((candidate) => candidate.id !== connection.id);
      known.company = { ...known.company, dataConnections: [...others, connection] };
    },
    forgetConnection(companyId: string, connectionId: string) {
      const known = recent.get(companyId);
      if (!known) return;
      known.company = {
        ...known.company,
        dataConnections: (known.company.dataConnections ?? []).filter((candidate) => candidate.id !== connectionId),
      };
    },
    forgetCompany(companyId: string) {
      recent.delete(companyId);
    },
    /** The statuses this console saw a connection in, oldest first. */
    observed(connectionId: string) {
      return observations.get(connectionId) ?? [];
    },
    clear() {
      recent.clear();
      observations.clear();
    },
  };
}

export type CompanyCache = ReturnType<typeof createCompanyCache>;
