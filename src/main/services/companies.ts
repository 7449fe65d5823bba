/**
 * Finding, opening, creating and deleting companies, frugally: what a search or a create has just returned is kept
 * in the company cache, so "find, open, connect" costs as few Codat requests as it can.
 */
import { q } from '@shared/codat/query';
import { previewCompanyName } from '@shared/codat/names';
import type { Company } from '@shared/codat/schemas';
import type { TagFilter } from '@shared/domain/tag-filter';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import { explainGone } from './codat-errors';
import type { CompanyCache } from './company-cache';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export interface CompanyServiceOptions {
  api(): Promise<CodatApi>;
  cache: CompanyCache;
}

export function createCompanyService(options: CompanyServiceOptions) {
  const { cache } = options;
  const remember = (company: Company) => cache.remember(company);
  let searchInFlight: AbortController | null = null;

  const service = {
    /** Type-ahead: each new search cancels the one still in flight (its caller gets `cancelled`). */
    async search(text: string, page: number, pageSize: number, tag?: TagFilter) {
      searchInFlight?.abort();
      const controller = new AbortController();
      searchInFlight = controller;
      const trimmed = text.trim();
      try {
        const api = await options.api();
        if (!tag && uuidPattern.test(trimmed)) {
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
        const found = await api.listCompanies({
          page,
          pageSize,
          query,
          ...(tag ? { tags: q.eq(tag.key, tag.value) } : {}),
          signal: controller.signal,
        });
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
      const known = fresh ? null : cache.fresh(companyId);
      return known ?? remember(await (await options.api()).getCompany(companyId));
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

    async deleteCompany(companyId: string) {
      await (await options.api()).deleteCompany(companyId).catch(explainGone);
      cache.forgetCompany(companyId);
      return { deleted: true as const };
    },

    /** A new profile: nothing known of the old one's companies may answer for it. */
    clear() {
      cache.clear();
      searchInFlight?.abort();
    },
  };
  return service;
}

export type CompanyService = ReturnType<typeof createCompanyService>;
