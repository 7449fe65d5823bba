/**
 * Finding, creating and connecting companies for onboarding, frugally: what a search or a create has just
 * returned is reused for a short while, so "find, open, connect" costs as few Codat requests as it can.
 */
import { q } from '@shared/codat/query';
import { previewCompanyName } from '@shared/codat/names';
import type { Company, Connection } from '@shared/codat/schemas';
import { checkCanConnect } from '@shared/domain/connections';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a company just fetched counts as fresh enough to open without asking again. */
export const companyFreshMs = 60_000;

export interface CompanyServiceOptions {
  api(): Promise<CodatApi>;
  now?: () => number;
}

export function createCompanyService(options: CompanyServiceOptions) {
  const now = options.now ?? Date.now;
  const recent = new Map<string, { company: Company; at: number }>();
  /** Connection statuses as this console saw them, for the timeline. */
  const observations = new Map<string, Array<{ at: string; status: Connection['status'] }>>();
  let searchInFlight: AbortController | null = null;

  const observe = (connection: Connection) => {
    const seen = observations.get(connection.id) ?? [];
    if (seen.at(-1)?.status !== connection.status) {
      seen.push({ at: new Date(now()).toISOString(), status: connection.status });
      observations.set(connection.id, seen.slice(-50));
    }
  };
  const remember = (company: Company) => {
    (company.dataConnections ?? []).forEach(observe);
    recent.set(company.id, { company, at: now() });
    if (recent.size > 2000) recent.delete(recent.keys().next().value as string);
    return company;
  };
  const rememberConnection = (companyId: string, connection: Connection) => {
    observe(connection);
    const known = recent.get(companyId);
    if (!known) return;
    const others = (known.company.dataConnections ?? []).filter((candidate) => candidate.id !== connection.id);
    known.company = { ...known.company, dataConnections: [...others, connection] };
  };

  const service = {
    /** Type-ahead: each new search cancels the one still in flight (its caller gets `cancelled`). */
    async search(text: string, page: number, pageSize: number) {
      searchInFlight?.abort();
      const controller = new AbortController();
      searchInFlight = controller;
      const trimmed = text.trim();
      try {
        const api = await options.api();
        if (uuidPattern.test(trimmed)) {
          try {
            const company = remember(await api.getCompany(trimmed.toLowerCase(), controller.signal));
            return { results: [company], totalResults: 1, page: 1, pageSize, byId: true, unreadable: 0 };
          } catch (error) {
            if (error instanceof BridgeFailure && error.error.status === 404) {
              return { results: [], totalResults: 0, page: 1, pageSize, byId: true, unreadable: 0 };
            }
            throw error;
          }
        }
        let query = null;
        try {
          query = trimmed ? q.contains('name', trimmed) : null;
        } catch {
          // Nothing searchable is left once operators are removed: list everything instead.
        }
        const found = await api.listCompanies({ page, pageSize, query, signal: controller.signal });
        found.results.forEach(remember);
        return {
          results: found.results,
          totalResults: found.totalResults,
          page: found.pageNumber,
          pageSize: found.pageSize,
          byId: false,
          unreadable: found.unreadable,
        };
      } catch (error) {
        if (controller.signal.aborted) {
          throw new BridgeFailure({ code: 'cancelled', message: 'A newer search replaced this one.' });
        }
        throw error;
      } finally {
        if (searchInFlight === controller) searchInFlight = null;
      }
    },

    async get(companyId: string, fresh: boolean): Promise<Company> {
      const known = recent.get(companyId);
      if (!fresh && known && now() - known.at < companyFreshMs) return known.company;
      return remember(await (await options.api()).getCompany(companyId));
    },

    /** Companies whose name is exactly what Codat would store for this customer ID. */
    async findByName(customerId: string) {
      const { name } = previewCompanyName(customerId);
      if (!name) return { matches: [] };
      const api = await options.api();
      const found = await api.listCompanies({ pageSize: 100, query: q.eq('name', name) });
      found.results.forEach(remember);
      return { matches: found.results.filter((company) => company.name.toLowerCase() === name.toLowerCase()) };
    },

    async create(input: { customerId: string; description?: string; tags?: Record<string, string> }) {
      const { name } = previewCompanyName(input.customerId);
      if (!name) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'Nothing is left of that customer ID once the characters Codat does not allow are removed.',
          details: ['customerId'],
        });
      }
      if (Object.keys(input.tags ?? {}).length > 9) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'A company can have at most 9 tags of yours (Linkdesk keeps one to avoid duplicates).',
          details: ['tags'],
        });
      }
      const api = await options.api();
      return remember(
        await api.createCompany({
          name,
          ...(input.description ? { description: input.description } : {}),
          ...(input.tags ? { tags: input.tags } : {}),
        }),
      );
    },

    async dataStatus(companyId: string) {
      return (await options.api()).dataStatus(companyId);
    },

    /** Checks the one-accounting-connection rule before any call, using what is known of the company. */
    async createConnection(companyId: string, platformKey: string, sourceType: Parameters<typeof checkCanConnect>[1]) {
      const company = await service.get(companyId, false);
      const check = checkCanConnect(company, sourceType);
      if (!check.allowed) {
        throw new BridgeFailure({ code: 'conflict', message: check.reason, details: [check.existing.id] });
      }
      const known = (company.dataConnections ?? []).map((connection) => connection.id);
      const connection = await (await options.api()).createConnection(companyId, platformKey, known);
      rememberConnection(companyId, connection);
      return connection;
    },

    /** Always fresh: a one-time link must be read right before it is handed over. */
    async getConnection(companyId: string, connectionId: string) {
      const connection = await (await options.api()).getConnection(companyId, connectionId);
      rememberConnection(companyId, connection);
      return connection;
    },

    /** Revoke: the connection stays, Unlinked. What Codat answered replaces what we knew. */
    async unlinkConnection(companyId: string, connectionId: string) {
      const connection = await (await options.api()).unlinkConnection(companyId, connectionId).catch(explainGone);
      rememberConnection(companyId, connection);
      return connection;
    },

    async deleteConnection(companyId: string, connectionId: string) {
      await (await options.api()).deleteConnection(companyId, connectionId).catch(explainGone);
      const known = recent.get(companyId);
      if (known) {
        known.company = {
          ...known.company,
          dataConnections: (known.company.dataConnections ?? []).filter((c) => c.id !== connectionId),
        };
      }
      return { deleted: true as const };
    },

    async deleteCompany(companyId: string) {
      await (await options.api()).deleteCompany(companyId).catch(explainGone);
      recent.delete(companyId);
      return { deleted: true as const };
    },

    observed(connectionId: string) {
      return observations.get(connectionId) ?? [];
    },

    clear() {
      recent.clear();
      observations.clear();
      searchInFlight?.abort();
    },
  };
  return service;
}

export type CompanyService = ReturnType<typeof createCompanyService>;

/** A target that changed meanwhile (deleted elsewhere: 404) is explained rather than reported as a failure of ours. */
function explainGone(error: unknown): never {
  if (error instanceof BridgeFailure && error.error.status === 404) {
    throw new BridgeFailure({
      ...error.error,
      message: `It no longer exists in Codat (deleted elsewhere, or by another tab). Codat said: ${error.error.message}`,
    });
  }
  throw error;
}
