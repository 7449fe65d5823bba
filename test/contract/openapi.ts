/**
 * Contract-test harness: checks an HTTP response (method, concrete path, status, parsed JSON body) against the official
 * Codat Platform OpenAPI document, so tests can prove that the Linkdesk sandbox answers only what the spec allows.
 *
 * The spec is data kept in the repository (`spec/codat-platform.openapi.json`, with its origin in `spec/README.md`);
 * it is never edited here.
 *
 * ## How the spec is normalised before validation (and why)
 *
 * The document says `openapi: 3.1.0`, whose schemas are JSON Schema 2020-12, so it is compiled with Ajv 2020
 * (`ajv/dist/2020`) plus ajv-formats (`uuid`, `uri`, `uri-reference`, `int32`, ...). Strict mode is off because the
 * schemas carry keywords that are not JSON Schema (`x-internal`, `x-speakeasy-*`, `x-stoplight`, `example`,
 * `nullable`, `definitions` nested in component schemas, ...); Ajv ignores unknown keywords when not strict.
 * `readOnly`/`deprecated` are annotations and are ignored too. `allErrors` is on so every problem is listed, and
 * `verbose` so error messages can be cleaned up (see `formatAjvErrors`).
 *
 * The document nevertheless uses the OpenAPI 3.0 keyword `nullable`, which 3.1 (and Ajv) would silently ignore. We keep
 * its 3.0 meaning by rewriting a copy of the whole document once (see `normaliseOpenApiDocument`):
 *
 *  1. `nullable: true` on a schema with `$ref` (3.1 allows siblings) or with `allOf`/`anyOf`/`oneOf`:
 *     `{ $ref: X, nullable: true, ...rest }` -> `{ anyOf: [{ $ref: X, ...rest }, { type: 'null' }] }`.
 *     This is done even when the schema also has a `type`, because the referenced/combined subschemas would still
 *     reject `null` if we only widened `type`. Annotation keywords (`description`, `title`, ...) stay on the inner
 *     schema; that is harmless.
 *  2. Otherwise `nullable: true` with `type`: 'null' is added to `type` (a string becomes `[type, 'null']`).
 *  3. Otherwise/also `nullable: true` with `enum`: `null` is appended to `enum` (an enum limits values even when
 *     `type` allows null, so both are widened when both are present).
 *  4. `nullable: true` with none of these: the schema already accepts null; the keyword is just removed.
 *  5. `nullable: false` is just removed (it is the default).
 *  Only boolean `nullable` values are touched, and data is never rewritten: the values of `example`, `examples`,
 *  `default`, `enum`, `const` and `x-*` keys are skipped (unless the key is a property name inside `properties` etc.).
 *
 * Wrapping (rule 1) moves the original keywords one level down (to `anyOf/0`). Any `$ref` whose JSON pointer passes
 * *through* a wrapped schema (e.g. `.../lastSync/$ref`) is rewritten to insert `anyOf/0`, so every reference in the
 * document keeps pointing at the same keywords. References that point *at* a wrapped schema keep pointing at the
 * wrapper, i.e. they stay nullable, as in 3.0. (The current spec copy has no reference through a wrapped schema, so
 * this rewrite is insurance; `normalisedSpec().stats` counts what each rule did: 54 wrapped, 37 types and 1 enum
 * widened, 3 removed, 0 references rewritten.)
 *
 * References: the spec points not only into `#/components/schemas/...` but also into `#/paths/...` (JSON pointer with
 * `{`/`}` percent-encoded as `%7B`/`%7D` and `/` escaped as `~1`), into `#/components/parameters/<p>/schema` and into
 * `definitions` nested inside component schemas. Rather than chase these ourselves, the whole normalised document is
 * added to Ajv under `SPEC_ID`, and each response is compiled as `{ $ref: SPEC_ID#<pointer to the response schema> }`,
 * so Ajv resolves every pointer against the full document. Responses may themselves be `$ref`s to
 * `#/components/responses/<name>`; those are followed here to find the pointer of the actual `content` schema.
 * Compiled validators are cached per schema pointer (and the lookup per operation + status).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface ResponseCheck {
  operationId: string;
  errors: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Location of the official spec: beside the repository, never inside it. */
export const SPEC_PATH = path.resolve(REPO_ROOT, 'spec/codat-platform.openapi.json');
/** The `$id` under which the normalised document is registered with Ajv. */
export const SPEC_ID = 'https://linkdesk.invalid/contract/codat-platform.openapi.json';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON pointers

/** Escapes one token for a JSON pointer inside a URI fragment: `~` -> `~0`, `/` -> `~1`, then percent-encoding. */
function encodeToken(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** `['paths', '/companies/{companyId}']` -> `#/paths/~1companies~1%7BcompanyId%7D`. */
export function toFragment(tokens: readonly string[]): string {
  return '#' + tokens.map((t) => '/' + encodeToken(t)).join('');
}

/** `#/paths/~1companies~1%7BcompanyId%7D` -> `['paths', '/companies/{companyId}']`; undefined if not a local pointer. */
export function parseFragment(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined; // an anchor, not a pointer
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(root: unknown, tokens: readonly string[]): unknown {
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation (pure; see the comment block at the top)

/** Keys whose values are data (examples, defaults, enum members) or vendor extensions, never schemas. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Keys whose values map arbitrary names (which may be `default`, `example`, ...) to schemas or other objects. */
const NAME_MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
  'schemas',
  'responses',
  'parameters',
  'paths',
  'webhooks',
  'content',
  'headers',
  'requestBodies',
  'securitySchemes',
  'callbacks',
  'links',
  'encoding',
]);
const COMPOSITION_KEYS = ['$ref', 'allOf', 'anyOf', 'oneOf'] as const;

export interface NormalisedDocument {
  document: JsonObject;
  /** How many `nullable` keywords were rewritten, per rule. */
  stats: { wrapped: number; typeWidened: number; enumWidened: number; removedOnly: number; refsRewritten: number };
  /** Pointers (as `#/...` fragments) of the schemas that were wrapped in `anyOf: [..., { type: 'null' }]`. */
  wrappedPointers: string[];
}

export function normaliseOpenApiDocument(source: unknown): NormalisedDocument {
  const stats = { wrapped: 0, typeWidened: 0, enumWidened: 0, removedOnly: 0, refsRewritten: 0 };
  const wrapped = new Set<string>(); // pointers (tokens joined by \u0000) of wrapped schemas, in original coordinates
  const key = (tokens: readonly string[]): string => tokens.join('\u0000');

  const visit = (node: Json, tokens: string[], inNameMap: boolean): Json => {
    if (Array.isArray(node)) return node.map((item, i) => visit(item, [...tokens, String(i)], false));
    if (!isObject(node)) return node;

    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      const isData = !inNameMap && (DATA_KEYS.has(k) || k.startsWith('x-'));
      out[k] = isData ? structuredClone(v) : visit(v, [...tokens, k], !inNameMap && NAME_MAP_KEYS.has(k));
    }
    if (inNameMap || typeof out.nullable !== 'boolean') return out;

    const nullable = out.nullable;
    delete out.nullable;
    if (!nullable) {
      stats.removedOnly++;
      return out;
    }
    if (COMPOSITION_KEYS.some((k) => k in out)) {
      stats.wrapped++;
      wrapped.add(key(tokens));
      return { anyOf: [out, { type: 'null' }] };
    }
    let widened = false;
    if (typeof out.type === 'string' && out.type !== 'null') {
      out.type = [out.type, 'null'];
      stats.typeWidened++;
      widened = true;
    } else if (Array.isArray(out.type) && !out.type.includes('null')) {
      out.type = [...out.type, 'null'];
      stats.typeWidened++;
      widened = true;
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) {
      out.enum = [...out.enum, null];
      stats.enumWidened++;
      widened = true;
    }
    if (!widened) stats.removedOnly++;
    return out;
  };

  if (!isObject(source)) throw new Error('The OpenAPI document is not a JSON object');
  const document = visit(source as Json, [], false) as JsonObject;

  // Re-point references that pass through a wrapped schema (its keywords now live under `anyOf/0`).
  if (wrapped.size > 0) {
    const fix = (node: Json): void => {
      if (Array.isArray(node)) return node.forEach(fix);
      if (!isObject(node)) return;
      if (typeof node.$ref === 'string') {
        const tokens = parseFragment(node.$ref);
        if (tokens) {
          const next: string[] = [];
          let changed = false;
          tokens.forEach((token, i) => {
            next.push(token);
            if (i < tokens.length - 1 && wrapped.has(key(tokens.slice(0, i + 1)))) {
              next.push('anyOf', '0');
              changed = true;
            }
          });
          if (changed) {
            node.$ref = toFragment(next);
            stats.refsRewritten++;
          }
        }
      }
      for (const value of Object.values(node)) fix(value);
    };
    fix(document);
  }
  const wrappedPointers = [...wrapped].map((k) => toFragment(k.split('\u0000')));
  return { document, stats, wrappedPointers };
}

/** Every local `$ref` in a document that does not resolve to a value (for self-checks). */
export function unresolvedRefs(document: unknown): string[] {
  const missing: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const tokens = parseFragment(node.$ref);
      if (!tokens || getAt(document, tokens) === undefined) missing.push(node.$ref);
    }
    Object.values(node).forEach(walk);
  };
  walk(document);
  return missing;
}

// ---------------------------------------------------------------------------------------------------------------
// Spec loading, Ajv

let specCache: JsonObject | undefined;
let normalisedCache: NormalisedDocument | undefined;
let ajvCache: Ajv2020 | undefined;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The parsed spec (cached, deeply frozen: it is shared by every caller). */
export function loadSpec(): unknown {
  specCache ??= deepFreeze(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as JsonObject);
  return specCache;
}

/** The normalised copy of the spec that the validators are compiled from (cached). */
export function normalisedSpec(): NormalisedDocument {
  normalisedCache ??= normaliseOpenApiDocument(loadSpec());
  return normalisedCache;
}

function ajv(): Ajv2020 {
  if (!ajvCache) {
    const instance = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateFormats: true });
    addFormats(instance);
    instance.addSchema({ ...normalisedSpec().document, $id: SPEC_ID });
    ajvCache = instance;
  }
  return ajvCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Operations

interface OperationEntry {
  method: string;
  pathTemplate: string;
  operationId: string;
  pattern: RegExp;
  literalSegments: number;
  responses: JsonObject;
}

let operationsCache: OperationEntry[] | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function operations(): OperationEntry[] {
  if (operationsCache) return operationsCache;
  const spec = loadSpec() as JsonObject;
  const paths = isObject(spec.paths) ? spec.paths : {};
  const result: OperationEntry[] = [];
  for (const [pathTemplate, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const segments = pathTemplate.split('/');
    const pattern = new RegExp(
      '^' + segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/') + '$',
    );
    const literalSegments = segments.filter((s) => s !== '' && !s.includes('{')).length;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      result.push({
        method: method.toUpperCase(),
        pathTemplate,
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${pathTemplate}`,
        pattern,
        literalSegments,
        responses: isObject(op.responses) ? op.responses : {},
      });
    }
  }
  operationsCache = result;
  return result;
}

export function operationsInSpec(): Array<{ method: string; pathTemplate: string; operationId: string }> {
  return operations().map(({ method, pathTemplate, operationId }) => ({ method, pathTemplate, operationId }));
}

/** Strips scheme/host, query string and fragment: `http://h:1/companies?page=1` -> `/companies`. */
function requestPath(pathOrUrl: string): string {
  let p = pathOrUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  p = p.split(/[?#]/, 1)[0] ?? '';
  return p === '' ? '/' : p;
}

/** Finds the operation for a method and a concrete path; the most literal template wins (`/a/b` over `/a/{x}`). */
function findOperation(method: string, pathOrUrl: string): { op?: OperationEntry; error?: string } {
  const p = requestPath(pathOrUrl);
  const m = method.toUpperCase();
  const matching = operations().filter((o) => o.pattern.test(p));
  const candidates = matching.filter((o) => o.method === m).sort((a, b) => b.literalSegments - a.literalSegments);
  if (candidates[0]) return { op: candidates[0] };
  if (matching.length > 0) {
    const allowed = [...new Set(matching.map((o) => `${o.method} ${o.pathTemplate}`))].join(', ');
    return { error: `no ${m} operation in the spec for ${p} (the spec has: ${allowed})` };
  }
  return { error: `no operation in the spec matches ${m} ${p}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

interface ResolvedResponse {
  /** Status key as written in the spec (`200`, `4XX`, `default`). */
  statusKey: string;
  /** Pointer to the response's JSON schema, or undefined if the response has no content. */
  schemaPointer?: string[];
  /** The response declares content, but none of it is JSON. */
  nonJsonContent?: string[];
}

function isJsonMediaType(mediaType: string): boolean {
  const base = (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return base === 'application/json' || /^application\/[^/]+\+json$/.test(base);
}

const resolvedCache = new Map<string, ResolvedResponse | { error: string }>();

function resolveResponse(op: OperationEntry, status: number): ResolvedResponse | { error: string } {
  const cacheKey = `${op.method} ${op.pathTemplate} ${status}`;
  const cached = resolvedCache.get(cacheKey);
  if (cached) return cached;

  const keys = Object.keys(op.responses);
  const statusKey =
    keys.find((k) => k === String(status)) ??
    keys.find((k) => k.toUpperCase() === `${String(status)[0]}XX`) ??
    keys.find((k) => k === 'default');
  let result: ResolvedResponse | { error: string };
  if (statusKey === undefined) {
    result = { error: `status ${status} is not listed for ${op.operationId} (the spec lists: ${keys.join(', ')})` };
  } else {
    // Follow `$ref`s (to #/components/responses/...) to the response object that holds `content`.
    let pointer = ['paths', op.pathTemplate, op.method.toLowerCase(), 'responses', statusKey];
    let response = getAt(loadSpec(), pointer);
    for (let hops = 0; isObject(response) && typeof response.$ref === 'string' && hops < 10; hops++) {
      const target = parseFragment(response.$ref);
      if (!target) break;
      pointer = target;
      response = getAt(loadSpec(), pointer);
    }
    if (!isObject(response)) {
      result = { error: `the response for ${op.operationId} ${statusKey} could not be resolved` };
    } else if (!isObject(response.content) || Object.keys(response.content).length === 0) {
      result = { statusKey };
    } else {
      const content = response.content;
      const mediaType = Object.keys(content).find(isJsonMediaType);
      const media = mediaType === undefined ? undefined : content[mediaType];
      if (mediaType === undefined) result = { statusKey, nonJsonContent: Object.keys(content) };
      else if (!isObject(media) || media.schema === undefined) result = { statusKey, nonJsonContent: [mediaType] };
      else result = { statusKey, schemaPointer: [...pointer, 'content', mediaType, 'schema'] };
    }
  }
  resolvedCache.set(cacheKey, result);
  return result;
}

const validatorCache = new Map<string, ValidateFunction>();

function validatorFor(schemaPointer: string[]): ValidateFunction {
  const ref = SPEC_ID + toFragment(schemaPointer);
  let validate = validatorCache.get(ref);
  if (!validate) {
    validate = ajv().compile({ $ref: ref });
    validatorCache.set(ref, validate);
  }
  return validate;
}

function isNullSchema(schema: unknown): boolean {
  return isObject(schema) && schema.type === 'null' && Object.keys(schema).length === 1;
}

/** `{ anyOf: [X, { type: 'null' }] }`, the shape rule 1 of the normalisation produces. */
function isNullableWrapper(schema: unknown): boolean {
  return isObject(schema) && Array.isArray(schema.anyOf) && schema.anyOf.length === 2 && isNullSchema(schema.anyOf[1]);
}

/**
 * `instancePath message` lines (`/` for the root), with the detail Ajv keeps in `params` for messages that do not name
 * it (the extra property, the allowed values). For a nullable wrapper that fails, only the errors of the non-null
 * branch are kept: `/lastSync must be string` rather than also `must be null` and `must match a schema in anyOf`.
 * Needs Ajv's `verbose` option (for `parentSchema`).
 */
export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? [])
    .filter((e) => !(e.keyword === 'anyOf' && isNullableWrapper(e.parentSchema)))
    .filter((e) => !(e.keyword === 'type' && isNullSchema(e.parentSchema)))
    .map((e) => {
      const where = e.instancePath === '' ? '/' : e.instancePath;
      let message = e.message ?? e.keyword;
      const params = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') message += `: '${String(params.additionalProperty)}'`;
      else if (e.keyword === 'enum') message += `: ${JSON.stringify(params.allowedValues)}`;
      else if (e.keyword === 'propertyNames') message += `: '${String(params.propertyName)}'`;
      return `${where} ${message}`;
    });
  return [...new Set(lines)];
}

/**
 * Validates a value against any schema in the (normalised) spec, given as a local JSON pointer such as
 * `#/components/schemas/Company` or `#/components/schemas/Connection/definitions/dataConnectionError` (as the spec
 * writes its `$ref`s). Useful for request bodies and webhook payloads. Returns `instancePath message` lines.
 */
export function checkAgainstSchema(ref: string, value: unknown): string[] {
  const tokens = parseFragment(ref);
  if (!tokens) throw new Error(`not a local JSON pointer: ${ref}`);
  if (getAt(normalisedSpec().document, tokens) === undefined) throw new Error(`nothing at ${ref} in the spec`);
  const validate = validatorFor(tokens);
  return validate(value) ? [] : formatAjvErrors(validate.errors);
}

/** `undefined`, `null` and `''` all mean "no body" (callers pass whatever their HTTP client gives for an empty body). */
function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

/**
 * Finds the operation for a method and a concrete request path such as `/companies/3f…/connections?page=1` (query
 * string ignored), checks the status is one the spec lists for it, and validates the JSON body against that
 * response's schema (application/json). A status the spec does not list -> an error. A response the spec defines
 * without content (e.g. 204) with a non-empty body -> an error; and vice versa.
 *
 * `body` is the parsed JSON; `undefined`, `null` or `''` stand for an empty body.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): ResponseCheck {
  const found = findOperation(method, path);
  if (!found.op) return { operationId: '', errors: [found.error ?? 'no operation found'] };
  const op = found.op;
  const resolved = resolveResponse(op, status);
  if ('error' in resolved) return { operationId: op.operationId, errors: [resolved.error] };

  const where = `${op.operationId} ${status}`;
  if (resolved.nonJsonContent) {
    return {
      operationId: op.operationId,
      errors: isEmptyBody(body) ? [`${where}: the spec defines a body (${resolved.nonJsonContent.join(', ')})`] : [],
    };
  }
  if (!resolved.schemaPointer) {
    return {
      operationId: op.operationId,
      errors: isEmptyBody(body) ? [] : [`${where}: the spec defines no body for this response, but one was sent`],
    };
  }
  if (isEmptyBody(body)) {
    return { operationId: op.operationId, errors: [`${where}: the spec defines a JSON body, but none was sent`] };
  }
  let validate: ValidateFunction;
  try {
    validate = validatorFor(resolved.schemaPointer);
  } catch (error) {
    return {
      operationId: op.operationId,
      errors: [`${where}: the response schema could not be compiled: ${(error as Error).message}`],
    };
  }
  return { operationId: op.operationId, errors: validate(body) ? [] : formatAjvErrors(validate.errors) };
}

/** Like `checkResponse`, but throws an Error naming the operation and listing every error. */
export function assertValidResponse(method: string, path: string, status: number, body: unknown): void {
  const { operationId, errors } = checkResponse(method, path, status, body);
  if (errors.length > 0) {
    const label = operationId === '' ? `${method.toUpperCase()} ${path}` : operationId;
    throw new Error(
      `Response ${status} for ${label} (${method.toUpperCase()} ${path}) does not match the Codat spec:\n` +
        errors.map((e) => `  ${e}`).join('\n'),
    );
  }
}
