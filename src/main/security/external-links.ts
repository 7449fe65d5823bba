/**
 * Which URLs Linkdesk will hand to the operating system. Everything else is refused with a reason,
 * so a compromised renderer cannot make the OS open `file:`, `javascript:` or an arbitrary site, and a `mailto:` is
 * rebuilt from one checked address, a subject and a body, so it cannot attach a file or add a recipient.
 */
import { addressProblem, mailtoUrl } from '@shared/domain/invite';

/** Codat's hosted-link hosts (current and older forms, docs/codat-api.md §7) and documentation/Portal. */
export const codatHttpsHosts: readonly string[] = [
  'link.codat.io',
  'link-api.codat.io',
  'docs.codat.io',
  'app.codat.io',
  'codat.io',
  'www.codat.io',
];

export type ExternalLinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string };

export interface ExternalLinkPolicy {
  check(url: string): ExternalLinkVerdict;
  /** Adds an origin such as the training sandbox's consent pages (`http://127.0.0.1:4100`). */
  allowOrigin(origin: string): () => void;
}

export function createExternalLinkPolicy(hosts: readonly string[] = codatHttpsHosts): ExternalLinkPolicy {
  const extraOrigins = new Set<string>();
  return {
    check(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { allowed: false, reason: 'That is not a valid web address.' };
      }
      if (url.protocol === 'mailto:') return rebuildMailto(url);
      if (url.username || url.password) {
        return { allowed: false, reason: 'Links carrying a user name or password are never opened.' };
      }
      if (url.protocol === 'https:' && url.port === '' && hosts.includes(url.hostname)) {
        return { allowed: true, url: url.href };
      }
      if (extraOrigins.has(url.origin)) {
        return { allowed: true, url: url.href };
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return {
          allowed: false,
          reason: `Linkdesk only opens Codat links (https) and email (mailto), not ${url.protocol} addresses.`,
        };
      }
      return {
        allowed: false,
        reason: `Linkdesk only opens Codat's own sites; ${url.host} is not one of them.`,
      };
    },
    allowOrigin(origin) {
      const normalised = new URL(origin).origin;
      extraOrigins.add(normalised);
      return () => extraOrigins.delete(normalised);
    },
  };
}

/** The only mail headers Linkdesk composes (the invite); the mail app's defaults do for the rest. */
const mailtoHeaders = ['subject', 'body'] as const;
type MailtoHeader = (typeof mailtoHeaders)[number];

/**
 * A `mailto:` (RFC 6068) read and written again: exactly one plain address, a subject and a body. Any other header
 * (attach, cc, bcc, to, in-reply-to…) is refused rather than dropped: Linkdesk never composes one, so it means the
 * page was tampered with, and a draft that silently differs from what was asked for would mislead the user.
 */
function rebuildMailto(url: URL): ExternalLinkVerdict {
  const refuse = (reason: string): ExternalLinkVerdict => ({ allowed: false, reason });
  const badEncoding = refuse('That email link is not correctly percent-encoded.');
  if (url.hash) return refuse('An email link cannot carry a # part.');

  const recipient = percentDecoded(url.pathname);
  if (recipient === null) return badEncoding;
  if (recipient === '') return refuse('That email link has no recipient.');
  if (recipient.includes(',')) return refuse('An email link may name one recipient; this one names several.');
  const problem = addressProblem(recipient);
  if (problem) return refuse(`The email link’s recipient is not usable. ${problem}`);

  const headers = new Map<MailtoHeader, string>();
  const others = new Set<string>();
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = percentDecoded(equals === -1 ? pair : pair.slice(0, equals));
    const value = percentDecoded(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === null || value === null) return badEncoding;
    // Header names are case-insensitive; a name only goes into the message shown and logged, so keep it tame.
    const header = name.toLowerCase();
    const known = mailtoHeaders.find((candidate) => candidate === header);
    if (!known) others.add(header.replace(/[^\p{L}\p{N}._-]/gu, '?').slice(0, 40));
    else if (headers.has(known)) return refuse(`An email link gives its ${known} twice.`);
    else headers.set(known, value);
  }
  if (others.size > 0) {
    const named = [...others].slice(0, 5).join(', ') + (others.size > 5 ? ' and more' : '');
    return refuse(`An email link may carry only a subject and a body; this one also sets ${named}.`);
  }
  return { allowed: true, url: mailtoUrl(recipient, { subject: headers.get('subject'), body: headers.get('body') }) };
}

/** `decodeURIComponent`, which leaves "+" a plus as RFC 6068 wants; null where the encoding is broken. */
function percentDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
