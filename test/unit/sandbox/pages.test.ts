import { describe, expect, it } from 'vitest';
import {
  consentPage,
  platformPickerPage,
  sandboxPageHeaders,
  type ConsentPageInput,
  type PlatformPickerInput,
} from '@sandbox/pages';
import { initialsOf, lettermarkSvg, type LettermarkVariant } from '@sandbox/lettermark';

// ---------------------------------------------------------------------------------------------------------------------
// Tiny helpers: a tag scanner (no DOM in node, and we install nothing).

interface Tag {
  kind: 'open' | 'close' | 'self';
  name: string;
  attrs: Array<[string, string]>;
  index: number;
}

const TAG_RE = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTR_RE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function scanTags(markup: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of markup.matchAll(TAG_RE)) {
    const attrs: Array<[string, string]> = [];
    for (const a of (match[3] ?? '').matchAll(ATTR_RE)) attrs.push([a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    tags.push({
      kind: match[1] ? 'close' : match[4] ? 'self' : 'open',
      name: match[2]!.toLowerCase(),
      attrs,
      index: match.index,
    });
  }
  return tags;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The shape of a document: tag names and attribute names, in order. Injection would change it. */
function skeleton(markup: string): string {
  return scanTags(markup)
    .map((t) => `${t.kind === 'close' ? '/' : ''}${t.name}[${t.attrs.map(([n]) => n).join(',')}]`)
    .join(' ');
}

/** Minimal XML well-formedness: one root, balanced tags, quoted unique attributes, known entities, no raw `<`/`&`. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  let pos = 0;
  const checkEscaped = (chunk: string) => {
    expect(chunk, `raw < in: ${chunk}`).not.toMatch(/</);
    expect(chunk.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, ''), `bad entity: ${chunk}`).not.toMatch(/&/);
  };
  const checkText = (chunk: string) => {
    checkEscaped(chunk);
    if (stack.length === 0) expect(chunk.trim(), 'text outside the root').toBe('');
  };
  const tagRe = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  while (pos < xml.length) {
    const next = xml.indexOf('<', pos);
    checkText(xml.slice(pos, next === -1 ? xml.length : next));
    if (next === -1) break;
    tagRe.lastIndex = next;
    const m = tagRe.exec(xml);
    expect(m, `malformed tag at ${next}: ${xml.slice(next, next + 60)}`).not.toBeNull();
    const [whole, slash, name, attrText, selfClose] = m!;
    const names = [...attrText!.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*("[^"]*"|'[^']*')/g)].map((a) => a[1]);
    expect(new Set(names).size, `duplicate attribute on <${name}>`).toBe(names.length);
    for (const a of attrText!.matchAll(/=\s*("([^"]*)"|'([^']*)')/g)) checkEscaped(a[2] ?? a[3] ?? '');
    if (slash) {
      expect(stack.pop(), `unbalanced </${name}>`).toBe(name);
    } else if (!selfClose) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.length === 0) {
      roots += 1;
    }
    pos = next + whole!.length;
  }
  expect(stack, 'unclosed tags').toEqual([]);
  expect(roots).toBe(1);
}

function buttons(html: string): Array<{ name: string; attrs: Record<string, string> }> {
  return [...html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((m) => ({
    attrs: Object.fromEntries(scanTags(`<button${m[1]}>`)[0]!.attrs),
    // Accessible name: text content; <img alt=""> contributes nothing.
    name: decode(m[2]!.replace(/<img\b[^>]*alt=""[^>]*>/g, '').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

function headings(html: string, level: 1 | 2): string[] {
  return [...html.matchAll(new RegExp(`<h${level}\\b[^>]*>([\\s\\S]*?)</h${level}>`, 'g'))].map((m) =>
    decode(m[1]!.replace(/<[^>]+>/g, '')).trim(),
  );
}

function forms(html: string): Array<Record<string, string>> {
  return scanTags(html)
    .filter((t) => t.name === 'form' && t.kind === 'open')
    .map((t) => Object.fromEntries(t.attrs));
}

function assertDocument(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toMatch(/<html lang="en">/);
  expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
  expect(html).toMatch(/<meta charset="utf-8">/);
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  expect(html.toLowerCase()).not.toContain('<script');
  expect(html.toLowerCase()).not.toMatch(/javascript:/);
  for (const tag of scanTags(html)) {
    for (const [name] of tag.attrs) expect(name, `event handler on <${tag.name}>`).not.toMatch(/^on/);
    expect(['script', 'iframe', 'object', 'embed', 'link', 'base', 'svg']).not.toContain(tag.name);
  }
}

// ---------------------------------------------------------------------------------------------------------------------

const HOSTILE = `<script>alert(1)</script>"'&`;
const HOSTILE_ATTR = `"><script>alert(1)</script><x y='`;

const consent = (overrides: Partial<ConsentPageInput> = {}): ConsentPageInput => ({
  companyName: 'Acme Bakery Ltd',
  platformName: 'QuickBooks Online',
  platformKey: 'qhyg',
  sourceType: 'Accounting',
  logoSrc: '/branding/qhyg/square.svg',
  actionUrl: '/link/abc123/decide',
  state: 'open',
  ...overrides,
});

const picker = (overrides: Partial<PlatformPickerInput> = {}): PlatformPickerInput => ({
  companyName: 'Acme Bakery Ltd',
  actionUrl: '/company/c-1/connect',
  integrations: [
    { key: 'fztf', name: 'Shopify', sourceType: 'Commerce', logoSrc: '/branding/fztf/square.svg' },
    { key: 'suuo', name: 'Plaid', sourceType: 'Banking', logoSrc: '/branding/suuo/square.svg' },
    { key: 'xpns', name: 'Expensify', sourceType: 'Expense', logoSrc: '/branding/xpns/square.svg' },
    { key: 'qhyg', name: 'QuickBooks Online', sourceType: 'Accounting', logoSrc: '/branding/qhyg/square.svg' },
    { key: 'gbol', name: 'Xero', sourceType: 'Accounting', logoSrc: '/branding/gbol/square.svg' },
    { key: 'othr', name: 'Ledgerly', sourceType: 'Other', logoSrc: '/branding/othr/square.svg' },
  ],
  ...overrides,
});

const STATES: ConsentPageInput['state'][] = [
  'open',
  'used',
  'expired',
  'authorised',
  'cancelled',
  'failed',
  'not_found',
];

describe('sandboxPageHeaders', () => {
  it('carries the strict CSP and the hardening headers', () => {
    expect(sandboxPageHeaders).toMatchObject({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; " +
        "base-uri 'none'; frame-ancestors 'none'",
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});

describe('consentPage', () => {
  it.each(STATES)('renders a complete, script-free document for %s', (state) => {
    const html = consentPage(consent({ state }));
    assertDocument(html);
    expect(headings(html, 1)).toHaveLength(1);
    expect(html).toMatch(/training sandbox/i);
  });

  it('open: heading, request line, sandbox banner and the three actions in one POST form', () => {
    const html = consentPage(consent());
    expect(headings(html, 1)).toEqual(['Connect QuickBooks Online']);
    expect(html).toContain(
      'Acme Bakery Ltd is asking for read access to your accounting data through Codat (training sandbox).',
    );
    expect(html).toMatch(/Linkdesk training sandbox/);
    expect(html).toMatch(/not a real platform/);
    expect(forms(html)).toEqual([{ class: 'actions', method: 'post', action: '/link/abc123/decide' }]);
    const found = buttons(html);
    expect(found.map((b) => b.name)).toEqual(['Authorise', 'Cancel', 'Fail']);
    expect(found.map((b) => [b.attrs.type, b.attrs.name, b.attrs.value])).toEqual([
      ['submit', 'action', 'authorise'],
      ['submit', 'action', 'cancel'],
      ['submit', 'action', 'fail'],
    ]);
    expect(found[0]!.attrs.class).toContain('primary');
    expect(html).toMatch(/simulate the platform refusing/i);
    // Every button sits inside the form.
    const formStart = html.indexOf('<form');
    const formEnd = html.indexOf('</form>');
    for (const m of html.matchAll(/<button\b/g)) {
      expect(m.index).toBeGreaterThan(formStart);
      expect(m.index).toBeLessThan(formEnd);
    }
    expect(html).toContain('src="/branding/qhyg/square.svg"');
    expect(html).toMatch(/<img [^>]*alt=""/);
  });

  it.each([
    ['authorised', 'Connected'],
    ['cancelled', 'You cancelled'],
    ['failed', 'The platform refused the connection'],
  ] as const)('%s: says what happened, says the window can close, offers no buttons', (state, heading) => {
    const html = consentPage(consent({ state }));
    expect(headings(html, 1)).toEqual([heading]);
    expect(html).toContain('You can close this window.');
    expect(buttons(html)).toEqual([]);
    expect(forms(html)).toEqual([]);
  });

  it.each([
    ['used', 'This link has already been used'],
    ['expired', 'This link has expired'],
    ['not_found', 'This link is not valid'],
  ] as const)('%s: explains itself and points to the account manager, with no buttons', (state, heading) => {
    const html = consentPage(consent({ state }));
    expect(headings(html, 1)).toEqual([heading]);
    expect(html).toMatch(/account manager for a fresh (link|one)/i);
    expect(buttons(html)).toEqual([]);
    expect(forms(html)).toEqual([]);
  });

  it.each(['used', 'expired'] as const)('%s: says links work once and for 24 hours', (state) => {
    expect(consentPage(consent({ state }))).toMatch(/work once, and for 24 hours/);
  });

  it.each(STATES)('%s: escapes hostile names everywhere, text and attributes alike', (state) => {
    const benign = consentPage(consent({ state }));
    const hostile = consentPage(
      consent({
        state,
        companyName: HOSTILE,
        platformName: HOSTILE,
        platformKey: HOSTILE,
        sourceType: HOSTILE,
        logoSrc: HOSTILE_ATTR,
        actionUrl: HOSTILE_ATTR,
      }),
    );
    assertDocument(hostile);
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toContain(`"'&`);
    // Same tags and attributes as the benign page: nothing broke out of its context.
    expect(skeleton(hostile)).toBe(skeleton(benign));
    if (state === 'open') {
      expect(headings(hostile, 1)).toEqual([`Connect ${HOSTILE}`]);
      expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
      expect(forms(hostile)[0]!.action).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x y=&#39;');
      expect(decode(forms(hostile)[0]!.action!)).toBe(HOSTILE_ATTR);
    }
  });

  it('neutralises script URLs in the form action and the logo', () => {
    const html = consentPage(
      consent({ actionUrl: ' JaVaScRiPt:alert(1)', logoSrc: 'data:text/html,<script>x</script>' }),
    );
    expect(html).not.toMatch(/javascript:|data:/i);
    expect(forms(html)[0]!.action).toBe('#');
  });

  it('drops control characters from names', () => {
    const html = consentPage(consent({ companyName: 'Acme\u0000\u0007 Ltd' }));
    expect(html).toContain('Acme Ltd is asking');
  });
});

describe('platformPickerPage', () => {
  it('renders the Hosted Link page: heading, company, one POST form', () => {
    const html = platformPickerPage(picker());
    assertDocument(html);
    expect(headings(html, 1)).toEqual(['Connect your software']);
    expect(html).toContain('for Acme Bakery Ltd');
    expect(forms(html)).toEqual([{ method: 'post', action: '/company/c-1/connect' }]);
    expect(html).toMatch(/training sandbox/i);
  });

  it('groups by sourceType: Accounting, Banking, Commerce, then the others', () => {
    const html = platformPickerPage(picker());
    expect(headings(html, 2)).toEqual(['Accounting', 'Banking', 'Commerce', 'Expense', 'Other']);
    // Each button lands under its own group heading.
    const groupOf = (name: string) => {
      const at = html.indexOf(`<span>${name}</span>`);
      const before = [...html.slice(0, at).matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)];
      return before.at(-1)?.[1];
    };
    expect(groupOf('Xero')).toBe('Accounting');
    expect(groupOf('QuickBooks Online')).toBe('Accounting');
    expect(groupOf('Plaid')).toBe('Banking');
    expect(groupOf('Shopify')).toBe('Commerce');
    expect(groupOf('Expensify')).toBe('Expense');
  });

  it('makes each integration a submit button named exactly after it, carrying its key', () => {
    const html = platformPickerPage(picker());
    const found = buttons(html);
    expect(found.map((b) => b.name).sort()).toEqual(
      ['Expensify', 'Ledgerly', 'Plaid', 'QuickBooks Online', 'Shopify', 'Xero'].sort(),
    );
    for (const integration of picker().integrations) {
      const button = found.find((b) => b.name === integration.name)!;
      expect(button.attrs).toMatchObject({ type: 'submit', name: 'platformKey', value: integration.key });
    }
    const imgs = scanTags(html).filter((t) => t.name === 'img');
    expect(imgs).toHaveLength(6);
    for (const img of imgs) expect(Object.fromEntries(img.attrs).alt).toBe('');
    expect(html).toContain('src="/branding/gbol/square.svg"');
  });

  it('treats sourceType case-insensitively and files blanks under Other', () => {
    const html = platformPickerPage(
      picker({
        integrations: [
          { key: 'aaaa', name: 'A', sourceType: 'accounting', logoSrc: '/a.svg' },
          { key: 'bbbb', name: 'B', sourceType: 'Accounting', logoSrc: '/b.svg' },
          { key: 'cccc', name: 'C', sourceType: '', logoSrc: '/c.svg' },
        ],
      }),
    );
    expect(headings(html, 2)).toEqual(['Accounting', 'Other']);
  });

  it('shows a notice at the top when given one, and none otherwise', () => {
    const withNotice = platformPickerPage(picker({ notice: 'You already have an accounting connection' }));
    expect(withNotice).toMatch(/<p class="notice" role="alert">You already have an accounting connection<\/p>/);
    expect(withNotice.indexOf('class="notice"')).toBeLessThan(withNotice.indexOf('<form'));
    expect(platformPickerPage(picker())).not.toContain('class="notice"');
  });

  it('says so when nothing is enabled, without an empty form', () => {
    const html = platformPickerPage(picker({ integrations: [] }));
    assertDocument(html);
    expect(forms(html)).toEqual([]);
    expect(html).toMatch(/No software can be connected/);
  });

  it('escapes hostile names, keys, types, URLs and notices', () => {
    const hostileIntegrations = picker().integrations.map((i) => ({
      ...i,
      name: `${HOSTILE}${i.name}`,
      key: HOSTILE_ATTR,
      logoSrc: HOSTILE_ATTR,
    }));
    const benign = platformPickerPage(picker({ notice: 'n' }));
    const hostile = platformPickerPage(
      picker({ companyName: HOSTILE, notice: HOSTILE, actionUrl: HOSTILE_ATTR, integrations: hostileIntegrations }),
    );
    assertDocument(hostile);
    expect(hostile).not.toMatch(/<script/i);
    expect(skeleton(hostile)).toBe(skeleton(benign));
    expect(buttons(hostile).map((b) => b.name)).toContain(`${HOSTILE}Xero`);
    for (const b of buttons(hostile)) expect(decode(b.attrs.value!)).toBe(HOSTILE_ATTR);
    expect(decode(forms(hostile)[0]!.action!)).toBe(HOSTILE_ATTR);

    const hostileGroups = platformPickerPage(
      picker({ integrations: [{ key: 'aaaa', name: 'A', sourceType: HOSTILE, logoSrc: '/a.svg' }] }),
    );
    expect(hostileGroups).not.toMatch(/<script/i);
    expect(headings(hostileGroups, 2)).toEqual([HOSTILE.charAt(0).toUpperCase() + HOSTILE.slice(1)]);
  });
});

describe('initialsOf', () => {
  it.each([
    ['QuickBooks Online', 'QO'],
    ['Xero', 'X'],
    ['Sage 50 (UK)', 'S5'],
    ['Dynamics 365 Business Central', 'D3'],
    ['Oracle NetSuite', 'ON'],
    ['Dynamics 365 F&O', 'D3'],
    ['  zoho   books ', 'ZB'],
    ['Amazon Seller Central', 'AS'],
    ['Émile Zola', 'ÉZ'],
    ['(Codat) Sandbox', 'CS'],
    ['', '?'],
    ['---', '?'],
    ['<script>alert(1)</script>', 'SA'],
  ])('%j -> %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('never returns more than two characters', () => {
    for (const name of ['a b c d', 'straße x', '😀 Ledger Book Co', 'x'.repeat(100)]) {
      expect(Array.from(initialsOf(name)).length).toBeLessThanOrEqual(2);
    }
  });
});

describe('lettermarkSvg', () => {
  const VARIANTS: LettermarkVariant[] = ['full', 'square', 'button', 'buttonHover'];
  const KEYS: Array<[string, string]> = [
    ['gbol', 'Xero'],
    ['qhyg', 'QuickBooks Online'],
    ['hbql', 'Sage 50 (UK)'],
    ['suuo', 'Plaid'],
    ['fztf', 'Shopify'],
    ['trji', 'Dynamics 365 Business Central'],
  ];

  const cases = KEYS.flatMap(([key, name]) => VARIANTS.map((variant) => ({ key, name, variant })));

  it.each(cases)('$key $variant is a safe, well-formed standalone SVG', (input) => {
    const svg = lettermarkSvg(input);
    assertWellFormedXml(svg);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/,
    );
    const [, w, h, vw, vh] = /width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
    expect([w, h]).toEqual([vw, vh]);
    expect(svg).not.toMatch(
      /<script|href=|xlink:href|<foreignObject|url\(|\son[a-z]+\s*=|<!ENTITY|<!DOCTYPE|<image|<use/i,
    );
    expect(svg).toContain(`<title>${input.variant.startsWith('button') ? 'Connect to ' : ''}`);
  });

  it('shows initials on the square, the name on the full logo, "Connect to" on buttons', () => {
    const args = { key: 'qhyg', name: 'QuickBooks Online' };
    expect(lettermarkSvg({ ...args, variant: 'square' })).toMatch(/>QO<\/text>/);
    expect(lettermarkSvg({ ...args, variant: 'full' })).toMatch(/>QuickBooks Online<\/text>/);
    expect(lettermarkSvg({ ...args, variant: 'button' })).toMatch(/>Connect to QuickBooks Online<\/text>/);
    expect(lettermarkSvg({ ...args, variant: 'buttonHover' })).toMatch(/>Connect to QuickBooks Online<\/text>/);
  });

  it('is deterministic and differs per key and per variant', () => {
    const all = new Set<string>();
    for (const input of cases) {
      const svg = lettermarkSvg(input);
      expect(lettermarkSvg(input)).toBe(svg);
      all.add(svg);
    }
    expect(all.size).toBe(cases.length);
    // Same name, different keys: the colour alone must differ.
    const fillOf = (key: string) =>
      /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(lettermarkSvg({ key, name: 'Same', variant: 'square' }))![1];
    const fills = ['gbol', 'qhyg', 'hbql', 'suuo', 'fztf', 'trji', 'akxx', 'mqjo'].map(fillOf);
    expect(new Set(fills).size).toBe(fills.length);
  });

  it('makes the hover button visibly darker than the button', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const [key, name] of KEYS) {
      const fill = (variant: LettermarkVariant) =>
        /<rect width="\d+" height="\d+" rx="8" fill="(#[0-9a-f]{6})"/.exec(lettermarkSvg({ key, name, variant }))![1]!;
      expect(luminance(fill('buttonHover'))).toBeLessThan(luminance(fill('button')) * 0.75);
    }
  });

  it('keeps white text readable on every generated colour (contrast >= 4.5)', () => {
    const channel = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    for (const key of [
      'gbol',
      'qhyg',
      'ndsk',
      'pqsw',
      'knfz',
      'tgff',
      'hbql',
      'jcrp',
      'akxx',
      'trji',
      'suuo',
      'fztf',
    ]) {
      const hex = /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(lettermarkSvg({ key, name: 'X', variant: 'square' }))![1]!;
      const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16) / 255));
      const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      expect(1.05 / (lum + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(VARIANTS)('%s escapes hostile names and stays well-formed', (variant) => {
    for (const name of [HOSTILE, HOSTILE_ATTR, ']]><!-- -->', 'a\u0000b\u0008c\uD800d', '\n\t']) {
      const svg = lettermarkSvg({ key: '"><x', name, variant });
      assertWellFormedXml(svg);
      expect(svg).not.toMatch(/<script|<x\b|<!--|on[a-z]+=/i);
    }
    expect(lettermarkSvg({ key: 'gbol', name: HOSTILE, variant })).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;',
    );
  });

  it('grows with the name instead of clipping it, within reason', () => {
    const width = (name: string) =>
      Number(/width="(\d+)"/.exec(lettermarkSvg({ key: 'gbol', name, variant: 'full' }))![1]);
    expect(width('Dynamics 365 Business Central')).toBeGreaterThan(width('Xero'));
    expect(width('x'.repeat(500))).toBeLessThan(1000);
  });
});
