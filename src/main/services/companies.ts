/**
 * Finding, opening, creating and deleting companies, frugally: what a search or a create has just returned is kept
 * in the company cache, so "find, open, connect" costs as few Codat requests as it can.
 */
import { neutraliseQueryText, q, type QueryExpression } from '@shared/codat/query';
import { previewCompanyName } from '@shared/codat/names';
import {
  closestNames,
  fallbackFragments,
  looseKey,
  looselyContains,
  storedNameForms,
  transliterate,
} from '@main/rules/name-match';
import type { OperationOutput } from '@shared/contract';
import { parseLink, type LinkTarget } from '@shared/links';
import type { Company } from '@shared/codat/schemas';
import type { TagFilter } from '@shared/domain/tag-filter';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import { explainGone } from './codat-errors';
import type { CompanyCache } from './company-cache';

export type SearchAnswer = OperationOutput<'companies.search'>;

/** Close names offered when nothing matches. */
export const maxSuggestions = 5;
/** Known names compared for close ones, the latest kept (about 13 ms for 750 names on a busy 2-core machine). */
const maxSuggestionPool = 1000;

function answer(pageSize: number, fields: Partial<SearchAnswer> & Pick<SearchAnswer, 'results'>): SearchAnswer {
  return {
    totalResults: fields.results.length,
    page: 1,
    pageSize,
    byId: false,
    unreadable: 0,
    connectionId: null,
    loose: false,
    suggestions: [],
    ...fields,
  };
}

/** `name~<text>` for each text that still says something once operators are removed. */
function containsEach(texts: readonly string[]): QueryExpression[] {
  return texts.flatMap((text) => {
    try {
      return [q.contains('name', text)];
    } catch {
      return []; // nothing searchable is left of it
    }
  });
}

const notFound = (error: unknown) => error instanceof BridgeFailure && error.error.status === 404;

export interface CompanyServiceOptions {
  api(): Promise<CodatApi>;
  cache: CompanyCache;
}

export interface NewCompany {
  customerId: string;
  description?: string;
  tags?: Record<string, string>;
}

export interface CompanyService {
  /**
   * Type-ahead: each new search cancels the one still in flight from the same box (its caller gets `cancelled`).
   * Costs at most two Codat requests: a name one (two when its wide query matches more than a page, see byName); a
   * company ID, Portal address or deep link one; a connection ID two (the company lookup misses, then its owner is
   * found), one when this console has seen the connection. With a tag filter the text is only ever a name.
   */
  search(text: string, page: number, pageSize: number, tag?: TagFilter, box?: string): Promise<SearchAnswer>;
  get(companyId: string, fresh: boolean): Promise<Company>;
  /** Companies whose name is exactly what Codat would store for this customer ID. */
  findByName(customerId: string): Promise<{ matches: Company[] }>;
  create(input: NewCompany): Promise<Company>;
  deleteCompany(companyId: string): Promise<{ deleted: true }>;
  /** A new profile: nothing known of the old one's companies may answer for it. */
  clear(): void;
}

/** One search's reach: the API, the cache its answers go into, the page size asked for, what cancels it. */
interface Search {
  api: CodatApi;
  cache: CompanyCache;
  pageSize: number;
  signal: AbortSignal;
}

/** A bare ID: a company's, or else a connection's (whose company is found by it). */
async function byId(search: Search, id: string): Promise<SearchAnswer> {
  const { api, cache, pageSize, signal } = search;
  // A connection this console has seen already names its company: one request instead of two.
  const owner = cache.ownerOfConnection(id);
  if (owner) return byTarget(search, { companyId: owner.id, connectionId: id });
  try {
    const company = cache.remember(await api.getCompany(id, signal));
    return answer(pageSize, { results: [company], byId: true });
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  const owners = await api.listCompanies({ page: 1, pageSize: 1, query: q.eq('dataConnections.id', id), signal });
  owners.results.forEach((company) => cache.remember(company));
  const company = owners.results.find((candidate) => candidate.dataConnections?.some((c) => c.id === id));
  return answer(pageSize, { results: company ? [company] : [], byId: true, connectionId: company ? id : null });
}

async function byTarget(search: Search, target: LinkTarget) {
  const { api, cache, pageSize, signal } = search;
  try {
    const company = cache.remember(await api.getCompany(target.companyId, signal));
    return answer(pageSize, { results: [company], byId: true, connectionId: target.connectionId });
  } catch (error) {
    if (!notFound(error)) throw error;
    return answer(pageSize, { results: [], byId: true });
  }
}

/**
 * A name. Codat is asked once for every form in which it may hold the typed text (`name~Caf Ol||name~Cafe Ole`)
 * and, on the first page, for the halves of its longest word too (`||name~obr||name~ien`), so that the same
 * answer can be compared loosely here (no accents, spaces or punctuation) and searched for close names. When
 * that page holds the whole answer (the usual case), one request is all a search costs; when the halves match
 * more than a page, the exact forms are asked for again on their own: two.
 */
async function byName(search: Search, typed: string, page: number, tags: QueryExpression | null) {
  const { api, cache, pageSize, signal } = search;
  const remember = (company: Company) => cache.remember(company);
  const formTexts = storedNameForms(typed);
  if (typed !== '' && formTexts.length === 0) {
    // Nothing of it is in Codat's alphabet ("日本"): no stored name can contain it.
    return answer(pageSize, {
      results: [],
      suggestions: closestNames(cache.all().slice(-maxSuggestionPool), typed, maxSuggestions),
    });
  }
  const forms = containsEach(formTexts);
  const exactQuery = forms.length > 0 ? q.or(...forms) : null;
  const exactly = async () => {
    const found = await api.listCompanies({ page, pageSize, query: exactQuery, ...(tags ? { tags } : {}), signal });
    found.results.forEach(remember);
    return found;
  };
  const pageOf = (found: Awaited<ReturnType<typeof exactly>>) =>
    answer(pageSize, {
      results: rankWithinPage(found.results, typed),
      totalResults: found.totalResults,
      page: found.pageNumber,
      pageSize: found.pageSize,
      unreadable: found.unreadable,
    });

  const fragments = containsEach(fallbackFragments(typed));
  if (page > 1 || forms.length === 0 || fragments.length === 0) return pageOf(await exactly());

  const wide = await api.listCompanies({
    page: 1,
    pageSize,
    query: q.or(...forms, ...fragments),
    ...(tags ? { tags } : {}),
    signal,
  });
  wide.results.forEach(remember);
  const holdsAForm = (company: Company) =>
    formTexts.some((form) => company.name.toUpperCase().includes(neutraliseQueryText(form).toUpperCase()));
  const complete = wide.results.length + wide.unreadable >= wide.totalResults;
  const exact = wide.results.filter(holdsAForm);
  if (complete && (exact.length > 0 || wide.unreadable > 0)) {
    // Every company the wide query matches is here, so these are all that match exactly.
    return answer(pageSize, {
      results: rankWithinPage(exact, typed),
      totalResults: exact.length + wide.unreadable,
      unreadable: wide.unreadable,
    });
  }
  if (!complete) {
    const found = await exactly();
    if (found.results.length > 0 || found.unreadable > 0) return pageOf(found);
  }
  const loose = wide.results.filter((company) => looselyContains(company.name, typed));
  if (loose.length > 0) return answer(pageSize, { results: rankWithinPage(loose, typed), loose: true });
  const known = new Map<string, Company>();
  for (const company of [...wide.results, ...cache.all().slice(-maxSuggestionPool)]) known.set(company.id, company);
  return answer(pageSize, { results: [], suggestions: closestNames(known.values(), typed, maxSuggestions) });
}

/** What the text is (a tag filter's name, a bare ID, a link, or a name), and the search that answers it. */
function searchByText(search: Search, text: string, page: number, tag: TagFilter | undefined) {
  const tags = tag ? q.eq(tag.key, tag.value) : null;
  if (tags) return byName(search, text.trim(), page, tags);
  const link = parseLink(text);
  if (link.kind === 'refused') {
    throw new BridgeFailure({ code: 'invalid_input', message: link.reason, details: ['text'] });
  }
  if (link.kind === 'id') return byId(search, link.id);
  if (link.kind === 'company') return byTarget(search, link.target);
  return byName(search, text.trim(), page, null);
}

/** The name Codat will store for a new company's customer ID, or why the company cannot be created. */
function checkNewCompany(input: NewCompany): string {
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
  return name;
}

export function createCompanyService(options: CompanyServiceOptions): CompanyService {
  const { cache } = options;
  const remember = (company: Company) => cache.remember(company);
  /** The search still in flight, per search box (the Companies page's and the palette's never cancel each other). */
  const searchesInFlight = new Map<string, AbortController>();

  return {
    async search(text, page, pageSize, tag, box = 'companies-page') {
      searchesInFlight.get(box)?.abort();
      const controller = new AbortController();
      searchesInFlight.set(box, controller);
      const { signal } = controller;
      try {
        const api = await options.api();
        return await searchByText({ api, cache, pageSize, signal }, text, page, tag);
      } catch (error) {
        if (signal.aborted) {
          throw new BridgeFailure({ code: 'cancelled', message: 'A newer search replaced this one.' });
        }
        throw error;
      } finally {
        if (searchesInFlight.get(box) === controller) searchesInFlight.delete(box);
      }
    },

    async get(companyId, fresh) {
      const known = fresh ? null : cache.fresh(companyId);
      return known ?? remember(await (await options.api()).getCompany(companyId));
    },

    async findByName(customerId) {
      const { name } = previewCompanyName(customerId);
      if (!name) return { matches: [] };
      const api = await options.api();
      const found = await api.listCompanies({ pageSize: 100, query: q.eq('name', name) });
      found.results.forEach(remember);
      return { matches: found.results.filter((company) => company.name.toLowerCase() === name.toLowerCase()) };
    },

    async create(input) {
      const name = checkNewCompany(input);
      const api = await options.api();
      return remember(
        await api.createCompany({
          name,
          ...(input.description ? { description: input.description } : {}),
          ...(input.tags ? { tags: input.tags } : {}),
        }),
      );
    },

    async deleteCompany(companyId) {
      await (await options.api()).deleteCompany(companyId).catch(explainGone);
      cache.forgetCompany(companyId);
      return { deleted: true as const };
    },

    clear() {
      cache.clear();
      for (const controller of searchesInFlight.values()) controller.abort();
    },
  };
}

/** Within one page, names that hold the typed text (accents and punctuation aside) come before looser hits. */
function rankWithinPage(companies: Company[], typed: string): Company[] {
  const needle = looseKey(transliterate(typed));
  if (needle === '') return companies;
  const holds = (company: Company) => (looseKey(company.name).includes(needle) ? 0 : 1);
  return companies
    .map((company, index) => ({ company, index, rank: holds(company) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ company }) => company);
}
