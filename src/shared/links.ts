/**
 * The links and IDs a person may paste or click to reach a company, read by one strict parser:
 * - a Codat Portal address, `https://app.codat.io/companies/<companyId>` and any page below it;
 * - a Linkdesk deep link, `linkdesk://company/<companyId>` or `linkdesk://company/<companyId>/connection/<connectionId>`;
 * - the browser console's path for the same, `/company/<companyId>[/connection/<connectionId>]`;
 * - a bare ID (a company's or a connection's: IDs do not say which).
 *
 * Links come from outside (emails, tickets, other apps), so nothing is guessed: an address on another host, with a
 * port, user name, encoded slash, dot segment or an extra segment is refused with the reason, never half-read.
 * Deep links only ever name what to open; nothing in them can ask for a change.
 */

/** Longer than any address this parser accepts; longer input is refused before it is looked at. */
export const maxLinkLength = 2048;

export const deepLinkScheme = 'linkdesk';
/** The host the desktop app serves its own pages from (`linkdesk://app/…`): never a deep link. */
const appPageHost = 'app';
const portalHost = 'app.codat.io';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCodatId(text: string): boolean {
  return uuid.test(text);
}

/** What to open: a company, and perhaps one of its connections to point at. */
export interface LinkTarget {
  companyId: string;
  connectionId: string | null;
}

export type ParsedLink =
  /** A Portal address or a deep link: the company is known. */
  | { kind: 'company'; target: LinkTarget; from: 'portal' | 'deep-link' }
  /** A bare ID: a company's or a connection's. */
  | { kind: 'id'; id: string }
  /** Not a link or an ID at all: ordinary search text. */
  | { kind: 'text' }
  /** Looks like an address but is not one Linkdesk accepts; `reason` says why, in plain words. */
  | { kind: 'refused'; reason: string };

export type LinkRead = { ok: true; target: LinkTarget } | { ok: false; reason: string };

/** Scheme, authority, path, query and fragment of an absolute URL, as written (nothing decoded or resolved). */
const urlParts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

/** Reads pasted text: a link, an ID, or plain text to search names for. */
export function parseLink(input: string): ParsedLink {
  if (input.length > maxLinkLength) {
    return { kind: 'refused', reason: `The text is too long to be a link (more than ${maxLinkLength} characters).` };
  }
  const trimmed = input.trim();
  if (isCodatId(trimmed)) return { kind: 'id', id: trimmed.toLowerCase() };
  // Copied from an address bar without its scheme.
  const text = /^(www\.)?app\.codat\.io\//i.test(trimmed) ? `https://${trimmed}` : trimmed;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) return { kind: 'text' };
  if (/[\s\\\u0000-\u001f\u007f]/.test(text)) {
    return { kind: 'refused', reason: 'The address contains spaces, backslashes or control characters.' };
  }
  const parts = urlParts.exec(text);
  if (!parts) return { kind: 'refused', reason: 'The address is not a complete link (scheme://host/path).' };
  const [, scheme = '', authority = '', path = '', query, fragment] = parts;
  switch (scheme.toLowerCase()) {
    case deepLinkScheme: {
      const read = readDeepLink(authority, path, query, fragment);
      return read.ok
        ? { kind: 'company', target: read.target, from: 'deep-link' }
        : { kind: 'refused', reason: read.reason };
    }
    case 'https':
    case 'http': {
      const read = readPortalAddress(scheme.toLowerCase(), authority, path);
      return read.ok
        ? { kind: 'company', target: read.target, from: 'portal' }
        : { kind: 'refused', reason: read.reason };
    }
    default:
      return { kind: 'refused', reason: `Linkdesk does not open ${scheme}: links.` };
  }
}

/** A `linkdesk://` URL as the OS hands it over (second instance, macOS open-url): only a deep link is accepted. */
export function parseDeepLink(url: string): LinkRead {
  if (url.length > maxLinkLength) return { ok: false, reason: `longer than ${maxLinkLength} characters` };
  if (!url.toLowerCase().startsWith(`${deepLinkScheme}://`)) return { ok: false, reason: 'not a linkdesk:// link' };
  const parsed = parseLink(url);
  if (parsed.kind === 'company') return { ok: true, target: parsed.target };
  return { ok: false, reason: parsed.kind === 'refused' ? parsed.reason : 'not a linkdesk:// link' };
}

/**
 * The browser console's deep-link path (`/company/<id>[/connection/<id>]`), as the request's raw (undecoded)
 * path; null when the path is not one.
 */
export function parseConsolePath(rawPath: string): LinkRead {
  if (rawPath.length > maxLinkLength) return { ok: false, reason: `longer than ${maxLinkLength} characters` };
  return readTargetPath(rawPath);
}

/** The deep link for a company (and connection): what "Copy company link" style actions hand out. */
export function deepLinkFor(target: LinkTarget): string {
  return `${deepLinkScheme}://${targetPath(target).slice(1)}`;
}

/** The renderer's own route for a target: `#/companies/<id>[/connections/<id>]`. */
export function routeHashFor(target: LinkTarget): string {
  const connection = target.connectionId ? `/connections/${target.connectionId}` : '';
  return `#/companies/${target.companyId}${connection}`;
}

function targetPath(target: LinkTarget): string {
  const connection = target.connectionId ? `/connection/${target.connectionId}` : '';
  return `/company/${target.companyId}${connection}`;
}

function readDeepLink(
  authority: string,
  path: string,
  query: string | undefined,
  fragment: string | undefined,
): LinkRead {
  const host = authority.toLowerCase();
  if (host === appPageHost) {
    return { ok: false, reason: 'linkdesk://app/ is the console’s own page address, not a deep link.' };
  }
  if (host !== 'company') {
    return {
      ok: false,
      reason: `A Linkdesk link starts linkdesk://company/; this one names “${authority.slice(0, 40)}”.`,
    };
  }
  if (query !== undefined || fragment !== undefined) {
    return { ok: false, reason: 'A Linkdesk link has no query string or # part.' };
  }
  return readTargetPath(`/company${path}`);
}

/** `/company/<uuid>` or `/company/<uuid>/connection/<uuid>`, optionally with one trailing slash; nothing else. */
function readTargetPath(path: string): LinkRead {
  if (hasDotOrEncodedSeparator(path)) {
    return { ok: false, reason: 'The link has . or .. segments or an encoded slash.' };
  }
  const segments = path.replace(/\/$/, '').split('/').slice(1);
  const [company, companyId = '', connection, connectionId = '', ...extra] = segments;
  if (company !== 'company') return { ok: false, reason: 'The path does not start with /company/.' };
  if (!isCodatId(companyId)) return { ok: false, reason: 'The company ID is missing or is not a Codat ID.' };
  if (connection === undefined) {
    return { ok: true, target: { companyId: companyId.toLowerCase(), connectionId: null } };
  }
  if (connection !== 'connection' || extra.length > 0) {
    return { ok: false, reason: 'The link has more to it than /company/<id>/connection/<id>.' };
  }
  if (!isCodatId(connectionId)) return { ok: false, reason: 'The connection ID is missing or is not a Codat ID.' };
  return { ok: true, target: { companyId: companyId.toLowerCase(), connectionId: connectionId.toLowerCase() } };
}

function readPortalAddress(scheme: string, authority: string, path: string): LinkRead {
  const host = authority.toLowerCase();
  if (host !== portalHost && host !== `www.${portalHost}`) {
    return {
      ok: false,
      reason: `Only Codat Portal addresses (https://${portalHost}/companies/…) can be pasted; this one is on “${authority.slice(0, 60)}”.`,
    };
  }
  if (scheme !== 'https') return { ok: false, reason: `A Codat Portal address starts https://${portalHost}/.` };
  if (hasDotOrEncodedSeparator(path)) {
    return {
      ok: false,
      reason: 'The address has . or .. segments or an encoded slash: it may not mean what it shows.',
    };
  }
  // The Portal's pages below a company (/companies/<id>/connections, …) all name it the same way.
  const [, first, companyId = ''] = path.split('/');
  if (first !== 'companies' || !isCodatId(companyId)) {
    return {
      ok: false,
      reason: 'This Portal address does not name a company (https://app.codat.io/companies/<company ID>/…).',
    };
  }
  return { ok: true, target: { companyId: companyId.toLowerCase(), connectionId: null } };
}

/** `.`/`..` segments or a percent-encoded `/`, `\` or `.`: a path that a browser might read otherwise than shown. */
function hasDotOrEncodedSeparator(path: string): boolean {
  return /%2f|%5c|%2e/i.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..');
}
