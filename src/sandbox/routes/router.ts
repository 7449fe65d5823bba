/**
 * The Codat Platform API routes the sandbox serves, one file per area as Codat's API reference groups them.
 * Shapes and status codes follow the official OpenAPI document; where it is silent (docs/codat-api.md §13) the choice is
 * documented in docs/sandbox.md.
 */
import { badRequest, CodatError } from '../errors';
import { companyRoutes } from './companies';
import { connectionRoutes } from './connections';
import { dataRoutes } from './data';
import { integrationRoutes } from './integrations';
import { profileRoutes } from './profile';
import type { ApiContext, ApiRequest, ApiResponse, Route } from './route';
import { webhookRoutes } from './webhooks';

export type { ApiContext, ApiRequest, ApiResponse } from './route';

const routes: Route[] = [
  ...profileRoutes,
  ...companyRoutes,
  ...connectionRoutes,
  ...dataRoutes,
  ...integrationRoutes,
  ...webhookRoutes,
];

/** A path segment, percent-decoded; a broken escape (`%E0%A4%A`, a lone `%`) is the caller's mistake, not a crash. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`The path segment '${raw}' is not valid percent-encoding.`, 'RequestValidator', 'path');
  }
}

/** Runs the route whose pattern and method match; a path that matches under another method is a 405, none a 404. */
export function routeApi(request: ApiRequest, context: ApiContext): ApiResponse {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    return route.handler(match.slice(1).map(decodeSegment), request, context);
  }
  if (pathMatched) throw new CodatError(405, `The method ${request.method} is not allowed on ${request.path}.`);
  throw new CodatError(404, `No such endpoint: ${request.method} ${request.path}`);
}
