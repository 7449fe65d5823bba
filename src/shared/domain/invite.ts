/**
 * The invite email: a template with placeholders, and a mailto: link the OS mail app understands.
 * The link goes in the body (API-NOTES §7): `mailto:https://…` is not a valid address.
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

export const defaultInviteTemplate: InviteTemplate = {
  subject: 'Connect {platform} for {customer}',
  body: [
    'Hello,',
    '',
    'To finish setting up {customer}, please connect your {platform} account using this secure link:',
    '',
    '{link}',
    '',
    'The link works once and expires 24 hours after it was sent. If it has expired or was already used, reply to this email and we will send a fresh one.',
    '',
    'Thank you,',
    '{sender}',
  ].join('\n'),
};

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

/** A pragmatic check: one @, a dotted domain, no spaces or characters that would break a mailto. */
export function emailProblem(address: string): string | null {
  const value = address.trim();
  if (value === '') return 'Enter the customer’s email address.';
  if (/[\s,;<>()[\]"]/.test(value)) return 'An email address cannot contain spaces, commas or brackets.';
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@'))
    return 'An email address has one @ with a name before it, like name@example.com.';
  const domain = value.slice(at + 1);
  if (
    !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain) ||
    domain.split('.').some((part) => part.startsWith('-') || part.endsWith('-'))
  ) {
    return `“${domain || '(nothing)'}” is not an email domain; it should look like example.com.`;
  }
  return null;
}

/** `mailto:` with every part percent-encoded (spaces as %20, never +), the link inside the body. */
export function mailtoUrl(recipient: string, invite: InviteTemplate): string {
  const to = encodeURIComponent(recipient.trim()).replace(/%40/g, '@');
  const body = invite.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${encodeURIComponent(invite.subject)}&body=${encodeURIComponent(body)}`;
}
