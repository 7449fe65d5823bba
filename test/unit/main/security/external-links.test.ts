import { describe, expect, it } from 'vitest';
import { createRecordingOpener } from '@main/platform/node';
import { createExternalLinkPolicy } from '@main/security/external-links';
import { createSystemService } from '@main/services/system';

describe('external link policy', () => {
  const policy = createExternalLinkPolicy();

  it.each([
    'https://link.codat.io/company/9c2d0a3e-2f4e-4a35-9ee4-0e2a4d1f2b11',
    'https://link-api.codat.io/companies/c/connections/x/start?otp=123456',
    'https://docs.codat.io/platform-api#/',
    'mailto:owner@example.com?subject=Connect%20your%20books&body=https%3A%2F%2Flink.codat.io%2Fcompany%2Fx',
  ])('opens %s', (url) => {
    expect(policy.check(url)).toMatchObject({ allowed: true });
  });

  it.each([
    ['file:', 'file:///etc/passwd', /file:/],
    ['javascript:', 'javascript:alert(1)', /javascript:/],
    ['an off-list https host', 'https://evil.example/login', /evil\.example is not one of them/],
    ['a look-alike host', 'https://link.codat.io.evil.example/', /not one of them/],
    ['plain http to Codat', 'http://link.codat.io/company/x', /not one of them/],
    ['a non-default port', 'https://link.codat.io:8443/', /not one of them/],
    ['credentials in the URL', 'https://user:pw@link.codat.io/', /user name or password/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /data:/],
    ['a custom scheme', 'ms-settings:privacy', /ms-settings:/],
    ['garbage', 'not a url', /not a valid web address/],
  ])('refuses %s with a reason', (_name, url, reason) => {
    const verdict = policy.check(url);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it('allows an added origin (the training sandbox) until it is removed', () => {
    const local = createExternalLinkPolicy();
    expect(local.check('http://127.0.0.1:4100/link/abc').allowed).toBe(false);
    const remove = local.allowOrigin('http://127.0.0.1:4100');
    expect(local.check('http://127.0.0.1:4100/link/abc').allowed).toBe(true);
    expect(local.check('http://127.0.0.1:4101/link/abc').allowed).toBe(false);
    remove();
    expect(local.check('http://127.0.0.1:4100/link/abc').allowed).toBe(false);
  });
});

describe('mailto: links, rebuilt in main from one address, a subject and a body', () => {
  const policy = createExternalLinkPolicy();
  const rebuilt = (url: string) => {
    const verdict = policy.check(url);
    if (!verdict.allowed) throw new Error(`refused: ${verdict.reason}`);
    return verdict.url;
  };
  /** The subject and body as a mail app reads them (RFC 6068: "+" is a plus, not a space). */
  const headers = (url: string) =>
    Object.fromEntries(
      new URL(url).search
        .slice(1)
        .split('&')
        .map((pair) => pair.split('=').map(decodeURIComponent)),
    ) as Record<string, string>;

  it('keeps what the invite composer builds as it is', () => {
    const invite =
      'mailto:owner%2Bbooks@harbour.example?subject=Connect%20Xero%20for%20Harbour%20Bakery&body=Hello%2C%0D%0A%0D%0Ahttps%3A%2F%2Flink.codat.io%2Fstart%3Fotp%3D1%26x%3D2';
    expect(rebuilt(invite)).toBe(invite);
    expect(rebuilt('mailto:a@example.com')).toBe('mailto:a@example.com');
  });

  it.each([
    ['attach and bcc', 'mailto:a@b.co?attach=/home/u/.ssh/id_rsa&bcc=x@evil.example', /attach, bcc/],
    ['cc', 'mailto:a@b.co?subject=Hi&cc=x@evil.example', /cc/],
    ['a second "to"', 'mailto:a@b.co?to=x@evil.example', /to/],
    ['in-reply-to', 'mailto:a@b.co?body=x&In-Reply-To=%3C1@evil.example%3E', /in-reply-to/],
    ['a header without a value', 'mailto:a@b.co?attachment', /attachment/],
  ])('refuses a link that also sets %s', (_name, url, named) => {
    const verdict = policy.check(url);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.reason).toMatch(/only a subject and a body/);
      expect(verdict.reason).toMatch(named);
    }
  });

  it.each([
    ['two recipients', 'mailto:a@b.co,x@evil.example', /one recipient/],
    ['two recipients, the comma encoded', 'mailto:a@b.co%2Cx@evil.example', /one recipient/],
    ['an address with a line break', 'mailto:a%0ABcc:x@evil.example@b.co?subject=x', /spaces|line breaks/],
    ['an address with a CR', 'mailto:a@b.co%0D?subject=x', /spaces|line breaks/],
    ['a display name', 'mailto:Eve%20%3Cx@evil.example%3E', /spaces|brackets/],
    ['no address', 'mailto:?subject=Hello', /no recipient/],
    ['an address too long to be real', `mailto:${'a'.repeat(250)}@b.co`, /at most 254 characters/],
    ['a domain without a dot', 'mailto:a@localhost', /not an email domain/],
    ['broken percent-encoding', 'mailto:a@b.co?subject=%E0%A4%A', /encoded/],
    ['the subject twice', 'mailto:a@b.co?subject=a&Subject=b', /subject twice/],
    ['a #fragment', 'mailto:a@b.co?subject=x#y', /#/],
  ])('refuses %s with a reason', (_name, url, reason) => {
    const verdict = policy.check(url);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it('takes CR and LF out of the subject, so a company name cannot add a header', () => {
    const url = rebuilt('mailto:a@b.co?subject=Acme%0D%0ABcc:%20x@evil.example%0A%0DLtd&body=Hi');
    expect(url).toBe('mailto:a@b.co?subject=Acme%20Bcc%3A%20x%40evil.example%20Ltd&body=Hi');
    expect(headers(url)).toEqual({ subject: 'Acme Bcc: x@evil.example Ltd', body: 'Hi' });
  });

  it('writes every line break in the body as %0D%0A and encodes every part, spaces as %20', () => {
    const url = rebuilt('mailto:A@B.co?Subject=1+1%20%3D%202&BODY=one%0Atwo%0D%0Athree%0Dfour&');
    expect(url).toBe('mailto:A@B.co?subject=1%2B1%20%3D%202&body=one%0D%0Atwo%0D%0Athree%0D%0Afour');
    expect(headers(url)).toEqual({ subject: '1+1 = 2', body: 'one\r\ntwo\r\nthree\r\nfour' });
  });
});

describe('system.openExternal', () => {
  const notifier = { notify: () => false };

  it('hands the OS the rebuilt mailto: and tells the page which URL that was', async () => {
    const opener = createRecordingOpener();
    const system = createSystemService(createExternalLinkPolicy(), opener, notifier);
    const result = await system.openExternal('mailto:a@b.co?subject=Acme%0D%0ABcc:x@evil.example&body=Hi');
    expect(opener.opened).toEqual(['mailto:a@b.co?subject=Acme%20Bcc%3Ax%40evil.example&body=Hi']);
    expect(result).toEqual({ opened: true, by: 'system', url: opener.opened[0] });
  });

  it('opens nothing when a mailto: asks for an attachment', async () => {
    const opener = createRecordingOpener();
    const system = createSystemService(createExternalLinkPolicy(), opener, notifier);
    await expect(
      system.openExternal('mailto:a@b.co?attach=/home/u/.ssh/id_rsa&bcc=x@evil.example'),
    ).rejects.toMatchObject({ error: { code: 'forbidden', message: expect.stringMatching(/^Not opened: .*attach/) } });
    expect(opener.opened).toEqual([]);
  });
});
