/**
 * The renderer's Content Security Policy as the README's Security section promises it, written out here rather than
 * imported from `src/main/security/csp.ts`: a policy loosened in production must fail the tests, not move their
 * expectation with it. Every directive with exactly these sources, and no other directive.
 */
export const strictRendererPolicy: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Cached branding arrives as the console's own paths; data: and blob: are the images the renderer draws itself.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'worker-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Sources that let script or style run from the page itself or from eval, whatever the directive. */
const inlineOrEval = /^'(unsafe-[a-z-]+|wasm-unsafe-eval|strict-dynamic|nonce-.*|sha(256|384|512)-.*)'$/i;
/** The only sources that are neither a keyword nor the console's own origin, and where they may appear. */
const allowedOtherSources: Readonly<Record<string, readonly string[]>> = { 'img-src': ['data:', 'blob:'] };
const mustBeNone = ['default-src', 'object-src', 'base-uri', 'frame-ancestors'];

/** A policy header as the browser reads it: directive name (lower case) to its sources, and any directive repeated. */
export function parseCsp(header: string): { directives: Map<string, string[]>; repeated: string[] } {
  const directives = new Map<string, string[]>();
  const repeated: string[] = [];
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    // A browser keeps the first of a repeated directive and ignores the rest; a repeat is a mistake either way.
    if (directives.has(key)) repeated.push(key);
    else directives.set(key, sources);
  }
  return { directives, repeated };
}

/**
 * Everything in `header` that departs from the strict renderer policy, in words; empty when the policy is exactly it.
 * Tests assert `toEqual([])`, so a failure lists every loosening at once.
 */
export function cspProblems(header: string | null | undefined): string[] {
  if (!header) return ['no Content-Security-Policy header'];
  if (header.includes(',')) return [`more than one policy in one header: ${header}`];
  const { directives, repeated } = parseCsp(header);
  const problems = repeated.map((name) => `${name} appears more than once`);
  for (const [name, sources] of directives) {
    for (const source of sources) {
      if (inlineOrEval.test(source)) problems.push(`${name} allows ${source}`);
      else if (!source.startsWith("'") && !(allowedOtherSources[name] ?? []).includes(source.toLowerCase())) {
        problems.push(`${name} allows a source other than the console itself: ${source}`);
      }
    }
  }
  for (const name of mustBeNone) {
    const sources = directives.get(name);
    if (sources?.join(' ') !== "'none'") problems.push(`${name} is not 'none' (${sources?.join(' ') ?? 'missing'})`);
  }
  for (const [name, expected] of Object.entries(strictRendererPolicy)) {
    const actual = directives.get(name);
    if (!actual) problems.push(`${name} is missing`);
    else if ([...actual].sort().join(' ') !== [...expected].sort().join(' ')) {
      problems.push(`${name} is "${actual.join(' ')}", expected "${expected.join(' ')}"`);
    }
  }
  for (const name of directives.keys()) {
    if (!(name in strictRendererPolicy)) problems.push(`unexpected directive ${name}`);
  }
  return problems;
}
