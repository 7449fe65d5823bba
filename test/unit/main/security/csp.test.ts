import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, rendererSecurityHeaders } from '@main/security/csp';
import { cspProblems } from '@support/csp';

/** The production policy with one directive's sources replaced (or the directive added), as a careless edit would. */
function withDirective(name: string, sources: string): string {
  const others = contentSecurityPolicy.split('; ').filter((part) => !part.startsWith(`${name} `));
  return [...others, `${name} ${sources}`].join('; ');
}
function without(name: string): string {
  return contentSecurityPolicy
    .split('; ')
    .filter((part) => !part.startsWith(`${name} `))
    .join('; ');
}

describe("the renderer's Content Security Policy", () => {
  it('is exactly the strict policy, and both hosts send it (they share these headers)', () => {
    expect(cspProblems(contentSecurityPolicy)).toEqual([]);
    expect(rendererSecurityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
  });

  // The shared assertion the host tests use must catch every way the policy could be loosened.
  it.each([
    ['inline script', withDirective('script-src', "'self' 'unsafe-inline'"), /script-src allows 'unsafe-inline'/],
    ['eval', withDirective('script-src', "'self' 'unsafe-eval'"), /script-src allows 'unsafe-eval'/],
    ['WebAssembly eval', withDirective('script-src', "'self' 'wasm-unsafe-eval'"), /'wasm-unsafe-eval'/],
    ['inline event handlers', withDirective('script-src', "'self' 'unsafe-hashes'"), /'unsafe-hashes'/],
    ['a hashed inline script', withDirective('script-src', "'self' 'sha256-abc='"), /script-src allows 'sha256-abc='/],
    ['inline style', withDirective('style-src', "'self' 'unsafe-inline'"), /style-src allows 'unsafe-inline'/],
    ['script from anywhere', withDirective('script-src', '*'), /script-src allows a source other .*: \*/],
    ['script over https:', withDirective('script-src', "'self' https:"), /script-src allows a source other .*: https:/],
    ['a remote host', withDirective('connect-src', "'self' https://api.codat.io"), /connect-src allows .*codat/],
    ['data: scripts', withDirective('script-src', "'self' data:"), /script-src allows a source other .*: data:/],
    ['remote images', withDirective('img-src', "'self' data: blob: https:"), /img-src allows a source other .*https:/],
    ['default-src opened', withDirective('default-src', "'self'"), /default-src is not 'none'/],
    ['plugins', withDirective('object-src', "'self'"), /object-src is not 'none'/],
    ['object-src dropped', without('object-src'), /object-src is not 'none' \(missing\)/],
    ['a base element', withDirective('base-uri', "'self'"), /base-uri is not 'none'/],
    ['base-uri dropped', without('base-uri'), /base-uri is missing/],
    ['framing by itself', withDirective('frame-ancestors', "'self'"), /frame-ancestors is not 'none'/],
    ['frame-ancestors dropped', without('frame-ancestors'), /frame-ancestors is missing/],
    ['forms posting', withDirective('form-action', "'self'"), /form-action is "'self'"/],
    ['workers', withDirective('worker-src', "'self'"), /worker-src is "'self'"/],
    ['script-src dropped (default-src would govern)', without('script-src'), /script-src is missing/],
    ['a repeated directive', `${contentSecurityPolicy}; script-src *`, /script-src appears more than once/],
    ['a second policy', `${contentSecurityPolicy}, script-src *`, /more than one policy/],
    ['an unexpected directive', `${contentSecurityPolicy}; report-uri /csp`, /unexpected directive report-uri/],
    ['no header', undefined, /no Content-Security-Policy header/],
  ])('is refused when loosened: %s', (_loosening, header, problem) => {
    const problems = cspProblems(header);
    expect(
      problems.some((text) => problem.test(text)),
      problems.join('\n'),
    ).toBe(true);
  });
});
