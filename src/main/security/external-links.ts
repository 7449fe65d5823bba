/**
 * Which URLs Linkdesk will hand to the operating system. Everything else is refused with a reason,
 * so a compromised renderer cannot make the OS open `file:`, `javascript:` or an arbitrary site.
 */

/** Codat's hosted-link hosts (current and older forms, API-NOTES §7) and documentation/Portal. */
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
      if (url.protocol === 'mailto:') {
        return { allowed: true, url: url.href };
      }
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
