/**
 * The invite email: a template with placeholders, and a mailto: link the OS mail app understands.
 * The link goes in the body (docs/codat-api.md §7): `mailto:https://…` is not a valid address.
 */
export interface InviteTemplate {
  subject: string;
  body: string;
}

export interface InviteValues {
  customer: string;
  platform: string;
  link: string;
  sender: string;
}

export const invitePlaceholders = ['customer', 'platform', 'link', 'sender'] as const;

/** Replaces `{customer}`, `{platform}`, `{link}` and `{sender}`; unknown braces are left as typed. */
export function renderInvite(template: InviteTemplate, values: InviteValues): InviteTemplate {
  const fill = (text: string) =>
    text.replace(/\{(customer|platform|link|sender)\}/g, (_match, name: keyof InviteValues) => values[name]);
  return { subject: fill(template.subject), body: fill(template.body) };
}

/** Placeholders a template does not use, so the editor can warn (an invite without {link} is useless). */
export function missingPlaceholders(template: InviteTemplate): string[] {
  const text = `${template.subject}\n${template.body}`;
  return invitePlaceholders.filter((name) => !text.includes(`{${name}}`));
}

/** RFC 5321's limits: 254 characters for an address (a path less its angle brackets), 64 before the @. */
const maxAddressLength = 254;
const maxLocalPartLength = 64;
/** What may stand unquoted before the @: RFC 5322's atext, and letters and digits of any script (RFC 6531). */
const localPartCharacter = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~.-]$/u;

/** What is wrong with what the user typed as the customer's address (surrounding spaces ignored), or null. */
export function emailProblem(address: string): string | null {
  return addressProblem(address.trim());
}

/**
 * One plain address (`name@example.com`: no display name, no second address, no quoting), checked as it is. Main
 * checks every mailto: it opens with this too, so the composer refuses nothing main would open and vice versa.
 */
export function addressProblem(value: string): string | null {
  if (value === '') return 'Enter the customer’s email address.';
  if (/[\s,;<>()[\]"]/.test(value)) return 'An email address cannot contain spaces, line breaks, commas or brackets.';
  if (/\p{Cc}/u.test(value)) return 'An email address cannot contain control characters.';
  if (value.length > maxAddressLength) {
    return `An email address is at most ${maxAddressLength} characters; this one is ${value.length}.`;
  }
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@'))
    return 'An email address has one @ with a name before it, like name@example.com.';
  const local = value.slice(0, at);
  if (local.length > maxLocalPartLength) {
    return `The part before the @ is at most ${maxLocalPartLength} characters; this one is ${local.length}.`;
  }
  const stray = [...local].find((character) => !localPartCharacter.test(character));
  if (stray !== undefined) return `“${stray}” cannot be part of an email address.`;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'The part before the @ cannot start or end with a dot, or have two dots in a row.';
  }
  const domain = value.slice(at + 1);
  if (
    !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain) ||
    domain.split('.').some((part) => part.startsWith('-') || part.endsWith('-'))
  ) {
    return `“${domain || '(nothing)'}” is not an email domain; it should look like example.com.`;
  }
  return null;
}

/**
 * A subject is one line: a line break in it (a company name may carry one) would start a header of its own in
 * the mail app, so every run of line breaks and other control characters becomes one space.
 */
export function subjectLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/**
 * `mailto:` for one address with only a subject and a body (each when given), every part percent-encoded (spaces
 * as %20, never +), the body's line breaks as %0D%0A (RFC 6068). Main rebuilds every mailto: it opens with this.
 */
export function mailtoUrl(
  recipient: string,
  invite: { subject?: string | undefined; body?: string | undefined },
): string {
  const to = encodeURIComponent(recipient.trim()).replace(/%40/g, '@');
  const headers: string[] = [];
  if (invite.subject !== undefined) headers.push(`subject=${encodeURIComponent(subjectLine(invite.subject))}`);
  if (invite.body !== undefined) {
    headers.push(`body=${encodeURIComponent(invite.body.replace(/\r\n|\r|\n/g, '\r\n'))}`);
  }
  return headers.length > 0 ? `mailto:${to}?${headers.join('&')}` : `mailto:${to}`;
}
