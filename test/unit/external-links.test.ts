import { describe, expect, it } from 'vitest';
import { createExternalLinkPolicy } from '../../src/main/security/external-links';

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
