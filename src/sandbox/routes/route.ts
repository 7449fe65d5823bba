/**
 * What a route is, and what the routes of every area share: the request and answer, the view context, and the
 * lookups that answer 404 in Codat's words when an id in the path does not exist.
 */
import { platformsByKey, type PlatformEntry } from '../catalog';
import { badRequest, notFound } from '../errors';
import type { CompanyRecord, ConnectionRecord, ViewContext } from '../model';
import type { SandboxState } from '../state';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
export interface ApiResponse {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  state: SandboxState;
  baseUrl: string;
  /** Free-plan style company limit (402 beyond it). */
  companyLimit: number;
}

/** `params` are the pattern's captured path segments, percent-decoded. */
export type Handler = (params: string[], request: ApiRequest, context: ApiContext) => ApiResponse;
export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** One path segment, captured. */
export const segment = '([^/]+)';

export function viewContext(context: ApiContext): ViewContext {
  return { baseUrl: context.baseUrl, now: context.state.clock.now(), random: context.state.random };
}

export function findCompany(context: ApiContext, id: string): CompanyRecord {
  const company = context.state.companies.get(id.toLowerCase());
  if (!company) throw notFound(`No company with ID ${id}.`);
  return company;
}

export function findConnection(company: CompanyRecord, id: string): ConnectionRecord {
  const connection = company.connections.find((candidate) => candidate.id === id.toLowerCase());
  if (!connection) throw notFound(`No data connection with ID ${id} for company ${company.id}.`);
  return connection;
}

export function findIntegration(key: string): PlatformEntry {
  const platform = platformsByKey.get(key.toLowerCase());
  if (!platform) throw notFound(`No integration with key ${key}.`);
  return platform;
}

export function objectBody(request: ApiRequest): Record<string, unknown> {
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return request.body as Record<string, unknown>;
}
