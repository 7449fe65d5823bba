/** Codat's list answers: `page`/`pageSize`, the `query` and `orderBy` language, and the envelope with `_links`. */
import { badRequest } from '../errors';
import { parseOrderBy, parseQuery, QueryError, type QuerySchema } from '../query';
import type { ApiRequest, ApiResponse } from './route';

function paging(query: URLSearchParams) {
  const read = (name: string, fallback: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw badRequest(`The ${name} parameter must be a whole number.`, 'PagingValidator', name);
    return value;
  };
  const page = read('page', 1);
  const pageSize = read('pageSize', 100);
  if (page < 1) throw badRequest('The page parameter must be 1 or more.', 'PagingValidator', 'page');
  if (pageSize < 1 || pageSize > 5000) {
    throw badRequest('The pageSize parameter must be between 1 and 5000.', 'PagingValidator', 'pageSize');
  }
  return { page, pageSize };
}

/** Runs a parse of the query language, turning its errors into Codat's 400. */
export function withQueryErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof QueryError) throw badRequest(error.message, 'QueryValidator', 'query');
    throw error;
  }
}

/** Filters, orders and pages a list, returning Codat's envelope with `_links`. */
export function pageOf<T, V>(
  items: readonly T[],
  request: ApiRequest,
  basePath: string,
  schema: QuerySchema,
  toView: (item: T) => V,
  defaultOrder?: (a: T, b: T) => number,
): ApiResponse {
  const { page, pageSize } = paging(request.query);
  const expression = request.query.get('query');
  const orderBy = request.query.get('orderBy');
  const predicate = expression ? withQueryErrors(() => parseQuery<T>(expression, schema)) : null;
  const compare = orderBy ? withQueryErrors(() => parseOrderBy<T>(orderBy, schema)) : null;
  let matches = predicate ? items.filter(predicate) : items.slice();
  if (compare)
    matches = matches
      .map((item, index) => ({ item, index }))
      .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
      .map(({ item }) => item);
  else if (defaultOrder) matches.sort(defaultOrder);
  const start = (page - 1) * pageSize;
  const results = matches.slice(start, start + pageSize).map(toView);
  const extra = ['query', 'orderBy', 'tags']
    .map((name) => [name, request.query.get(name)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null && entry[1] !== '')
    .map(([name, value]) => `&${name}=${encodeURIComponent(value)}`)
    .join('');
  const href = (n: number) => `${basePath}?page=${n}&pageSize=${pageSize}${extra}`;
  const links: Record<string, { href: string }> = { self: { href: basePath }, current: { href: href(page) } };
  if (start + pageSize < matches.length) links['next'] = { href: href(page + 1) };
  if (page > 1) links['previous'] = { href: href(page - 1) };
  return {
    status: 200,
    body: { results, pageNumber: page, pageSize, totalResults: matches.length, _links: links },
  };
}
