/** The one parser for what people paste or click to reach a company: Portal addresses, deep links, bare IDs. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepLinkFor, maxLinkLength, parseConsolePath, parseDeepLink, parseLink, routeHashFor } from '@shared/links';

const company = '6b1c4c8e-2f3a-4d5e-9f60-7a8b9c0d1e2f';
const connection = '0f9e8d7c-6b5a-4948-8372-615049382716';

describe('parseLink', () => {
  it('reads a bare ID (company or connection: it cannot say which), in any case, with stray spaces', () => {
    expect(parseLink(`  ${company.toUpperCase()}\n`)).toEqual({ kind: 'id', id: company });
  });

  it('reads a Portal company address and any page below it, with or without the scheme', () => {
    const expected = { kind: 'company', target: { companyId: company, connectionId: null }, from: 'portal' };
    expect(parseLink(`https://app.codat.io/companies/${company}`)).toEqual(expected);
    expect(parseLink(`https://app.codat.io/companies/${company}/connections?tab=all#top`)).toEqual(expected);
    expect(parseLink(`https://APP.codat.io/companies/${company.toUpperCase()}/data/history`)).toEqual(expected);
    expect(parseLink(`app.codat.io/companies/${company}/`)).toEqual(expected);
  });

  it('reads deep links to a company and to one of its connections', () => {
    expect(parseLink(`linkdesk://company/${company}`)).toEqual({
      kind: 'company',
      target: { companyId: company, connectionId: null },
      from: 'deep-link',
    });
    expect(parseLink(`LINKDESK://company/${company}/connection/${connection}/`)).toMatchObject({
      target: { companyId: company, connectionId: connection },
    });
  });

  it('leaves ordinary names to the name search', () => {
    for (const text of ['Café Olé', 'O’Brien & Sons', 'app.codat.io', 'https', 'C12345 Harbour', '']) {
      expect(parseLink(text)).toEqual({ kind: 'text' });
    }
  });

  it.each([
    [`https://app.codat.io.evil.example/companies/${company}`, /on “app.codat.io.evil.example”/],
    [`https://evil.example/companies/${company}?next=app.codat.io`, /Only Codat Portal addresses/],
    [`https://app.codat.io@evil.example/companies/${company}`, /Only Codat Portal addresses/],
    [`https://user@app.codat.io/companies/${company}`, /Only Codat Portal addresses/],
    [`https://app.codat.io:8443/companies/${company}`, /Only Codat Portal addresses/],
    [`http://app.codat.io/companies/${company}`, /starts https:\/\/app.codat.io/],
    [`https://app.codat.io/companies%2F${company}`, /encoded slash/],
    [`https://app.codat.io/companies/${company}%2F..%2Fother`, /encoded slash/],
    [`https://app.codat.io/companies/${company}/../${connection}`, /\. or \.\. segments/],
    [`https://app.codat.io/settings/${company}`, /does not name a company/],
    [`https://app.codat.io/companies/not-an-id`, /does not name a company/],
    [`https://app.codat.io/companies/${company} x`, /spaces/],
    [`https://app.codat.io\\companies\\${company}`, /backslashes/],
    [`javascript://app.codat.io/companies/${company}`, /does not open javascript: links/],
    [`file:///companies/${company}`, /does not open file: links/],
    [`linkdesk://app/index.html`, /console’s own page address/],
    [`linkdesk://evil.example/company/${company}`, /names “evil.example”/],
    [`linkdesk://company/${company}/extra`, /more to it than/],
    [`linkdesk://company/${company}/connection/${connection}/extra`, /more to it than/],
    [`linkdesk://company/${company}/connection`, /connection ID is missing/],
    [`linkdesk://company/${company}?delete=true`, /no query string/],
    [`linkdesk://company/${company}#x`, /no query string/],
    [`linkdesk://company/${company}%2Fconnection%2F${connection}`, /encoded slash/],
    [`linkdesk://company/../company/${company}`, /\. or \.\. segments/],
    [`linkdesk://company/`, /company ID is missing/],
    [`linkdesk://company:80/${company}`, /names “company:80”/],
  ])('refuses %s, saying why', (text, reason) => {
    const parsed = parseLink(text);
    expect(parsed.kind).toBe('refused');
    expect(parsed.kind === 'refused' && parsed.reason).toMatch(reason);
  });

  it('refuses text longer than any link before reading it', () => {
    const long = `https://app.codat.io/companies/${company}/${'a'.repeat(maxLinkLength)}`;
    expect(parseLink(long)).toEqual({ kind: 'refused', reason: expect.stringMatching(/too long/) });
  });

  it('never accepts anything but app.codat.io or linkdesk://company, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (text) => {
        const parsed = parseLink(text);
        if (parsed.kind !== 'company') return;
        expect(text.trim().toLowerCase()).toMatch(
          /^(https:\/\/(www\.)?app\.codat\.io\/companies\/|linkdesk:\/\/company\/)/,
        );
      }),
    );
  });
});

describe('parseDeepLink', () => {
  it('accepts only linkdesk:// links, not Portal addresses or IDs handed over by the OS', () => {
    expect(parseDeepLink(`linkdesk://company/${company}`)).toEqual({
      ok: true,
      target: { companyId: company, connectionId: null },
    });
    expect(parseDeepLink(`https://app.codat.io/companies/${company}`)).toMatchObject({ ok: false });
    expect(parseDeepLink(company)).toMatchObject({ ok: false });
    expect(parseDeepLink(`linkdesk://company/${company}/extra`)).toMatchObject({ ok: false, reason: /more to it/ });
  });
});

describe('parseConsolePath', () => {
  it('reads the browser console’s /company/<id>[/connection/<id>] paths and nothing else', () => {
    expect(parseConsolePath(`/company/${company}`)).toEqual({
      ok: true,
      target: { companyId: company, connectionId: null },
    });
    expect(parseConsolePath(`/company/${company}/connection/${connection}`)).toMatchObject({
      ok: true,
      target: { connectionId: connection },
    });
    for (const path of [
      `/company/${company}/connection/${connection}/x`,
      `/company/${company}/x`,
      `/companies/${company}`,
      `/company/${company}%2F`,
      `/company/%2e%2e/${company}`,
      `//company/${company}`,
    ]) {
      expect(parseConsolePath(path)).toMatchObject({ ok: false });
    }
  });
});

describe('parseConsolePath on a path longer than any link', () => {
  it('refuses it before reading it, saying why', () => {
    expect(parseConsolePath(`/company/${company}/${'a'.repeat(maxLinkLength)}`)).toEqual({
      ok: false,
      reason: `longer than ${maxLinkLength} characters`,
    });
  });
});

describe('deep links and routes made from a target', () => {
  it('round-trips through the parser', () => {
    const target = { companyId: company, connectionId: connection };
    expect(deepLinkFor(target)).toBe(`linkdesk://company/${company}/connection/${connection}`);
    expect(parseDeepLink(deepLinkFor(target))).toEqual({ ok: true, target });
    expect(routeHashFor(target)).toBe(`#/companies/${company}/connections/${connection}`);
    expect(routeHashFor({ companyId: company, connectionId: null })).toBe(`#/companies/${company}`);
  });
});
