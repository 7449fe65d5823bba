/**
 * The customer's side of the sandbox: the consent page behind each linkUrl, the company's Hosted Link
 * (platform picker), and the generated branding images. No API key here: these are opened in a browser.
 */
import { randomBytes } from 'node:crypto';
import { platforms, platformsByKey } from './catalog';
import { day, hour } from './clock';
import { lettermarkSvg, poweredBySvg, type LettermarkVariant } from './lettermark';
import { currentLink, linkIsUsable, linkPath } from './model';
import { consentPage, platformPickerPage, sandboxPageHeaders, type ConsentPageInput } from './pages';
import type { SandboxState } from './state';

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** A branding image put in place of the generated one (tests: broken, huge or hostile files). */
export interface BrandingImageOverride {
  contentType: string;
  body: Buffer;
}

interface ConsentSession {
  companyId: string;
  connectionId: string;
  expiresAt: number;
}

const variants: Record<string, LettermarkVariant> = {
  'full.svg': 'full',
  'square.svg': 'square',
  'button.svg': 'button',
  'button-hover.svg': 'buttonHover',
};
const svgHeaders = {
  'Content-Type': 'image/svg+xml',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=86400',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export class CustomerSide {
  /** An opened one-time link becomes a short consent session, so the form can be submitted once. */
  private readonly sessions = new Map<string, ConsentSession>();

  /** Keyed `<key>/<file>`, e.g. `xero/square.svg`. */
  private readonly brandingOverrides = new Map<string, BrandingImageOverride>();

  constructor(private readonly state: SandboxState) {}

  setBrandingImage(key: string, file: string, image: BrandingImageOverride | null): void {
    if (image) this.brandingOverrides.set(`${key}/${file}`, image);
    else this.brandingOverrides.delete(`${key}/${file}`);
  }

  clearBrandingImages(): void {
    this.brandingOverrides.clear();
  }

  handle(method: string, path: string, query: URLSearchParams, form: URLSearchParams): PageResponse | null {
    const branding = /^\/branding\/([a-z]{4,5})\/([a-z-]+\.svg)$/.exec(path);
    if (branding && method === 'GET') return this.brandingImage(branding[1]!, branding[2]!);
    const start = /^\/link\/companies\/([^/]+)\/connections\/([^/]+)\/start$/.exec(path);
    if (start && method === 'GET') return this.openLink(start[1]!, start[2]!, query.get('otp'));
    const consent = /^\/link\/companies\/([^/]+)\/connections\/([^/]+)\/consent$/.exec(path);
    if (consent && method === 'POST')
      return this.decide(consent[1]!, consent[2]!, query.get('session'), form.get('action'));
    const hosted = /^\/link\/company\/([^/]+)$/.exec(path);
    if (hosted && method === 'GET') return this.picker(hosted[1]!);
    if (hosted && method === 'POST') return this.pick(hosted[1]!, form.get('platformKey'));
    if (path === '/link/finished' && method === 'GET') {
      return page(200, consentPage({ ...blank, state: 'authorised', platformName: 'Your platform' }));
    }
    return null;
  }

  private brandingImage(key: string, file: string): PageResponse | null {
    const override = this.brandingOverrides.get(`${key}/${file}`);
    if (override) {
      return {
        status: 200,
        headers: { ...svgHeaders, 'Content-Type': override.contentType },
        body: override.body,
      };
    }
    if (key === 'codat' && file === 'powered-by.svg') return { status: 200, headers: svgHeaders, body: poweredBySvg() };
    const platform = platformsByKey.get(key);
    const variant = variants[file];
    if (!platform || !variant) return null;
    return { status: 200, headers: svgHeaders, body: lettermarkSvg({ key, name: platform.name, variant }) };
  }

  private find(companyId: string, connectionId: string) {
    const company = this.state.companies.get(companyId.toLowerCase());
    const connection = company?.connections.find((candidate) => candidate.id === connectionId.toLowerCase());
    return company && connection ? { company, connection } : null;
  }

  private consentInput(companyId: string, connectionId: string, state: ConsentPageInput['state'], actionUrl = '') {
    const found = this.find(companyId, connectionId);
    if (!found) return { ...blank, state: 'not_found' as const };
    const { company, connection } = found;
    return {
      companyName: company.name,
      platformName: connection.platform.name,
      platformKey: connection.platform.key,
      sourceType: connection.platform.sourceType,
      logoSrc: `/branding/${connection.platform.key}/square.svg`,
      actionUrl,
      state,
    };
  }

  private openLink(companyId: string, connectionId: string, otp: string | null): PageResponse {
    const found = this.find(companyId, connectionId);
    if (!found) return page(404, consentPage({ ...blank, state: 'not_found' }));
    const { connection } = found;
    const now = this.state.clock.now();
    if (connection.status === 'Linked')
      return page(200, consentPage(this.consentInput(companyId, connectionId, 'authorised')));
    const link = connection.link;
    if (!link || otp === null || otp !== link.code) return page(404, consentPage({ ...blank, state: 'not_found' }));
    if (!linkIsUsable(link, now)) {
      return page(410, consentPage(this.consentInput(companyId, connectionId, link.used ? 'used' : 'expired')));
    }
    link.used = true;
    const token = randomBytes(16).toString('hex');
    this.sessions.set(token, { companyId: found.company.id, connectionId: connection.id, expiresAt: now + hour });
    const actionUrl = `/link/companies/${found.company.id}/connections/${connection.id}/consent?session=${token}`;
    return page(200, consentPage(this.consentInput(companyId, connectionId, 'open', actionUrl)));
  }

  private decide(companyId: string, connectionId: string, token: string | null, action: string | null): PageResponse {
    const session = token ? this.sessions.get(token) : undefined;
    const found = this.find(companyId, connectionId);
    if (
      !session ||
      !found ||
      session.connectionId !== found.connection.id ||
      session.expiresAt < this.state.clock.now()
    ) {
      return page(
        410,
        consentPage(found ? this.consentInput(companyId, connectionId, 'used') : { ...blank, state: 'not_found' }),
      );
    }
    const { company, connection } = found;
    if (action === 'authorise') {
      this.sessions.delete(token as string);
      this.state.authorise(company, connection);
      return page(200, consentPage(this.consentInput(companyId, connectionId, 'authorised')));
    }
    if (action === 'cancel') {
      this.sessions.delete(token as string);
      this.state.recordLinkError(connection, {
        statusCode: '403',
        statusText: 'User cancelled linking',
        errorMessage: 'User cancelled',
      });
      return page(200, consentPage(this.consentInput(companyId, connectionId, 'cancelled')));
    }
    if (action === 'fail') {
      this.sessions.delete(token as string);
      this.state.recordLinkError(connection, {
        statusCode: '502',
        statusText: `${connection.platform.name} refused the authorisation request`,
        errorMessage: 'Platform authorisation failed',
      });
      return page(200, consentPage(this.consentInput(companyId, connectionId, 'failed')));
    }
    return page(
      400,
      consentPage(
        this.consentInput(
          companyId,
          connectionId,
          'open',
          `/link/companies/${companyId}/connections/${connectionId}/consent?session=${token}`,
        ),
      ),
    );
  }

  private picker(companyId: string, notice?: string): PageResponse {
    const company = this.state.companies.get(companyId.toLowerCase());
    if (!company) return page(404, consentPage({ ...blank, state: 'not_found' }));
    return page(
      200,
      platformPickerPage({
        companyName: company.name,
        integrations: platforms
          .filter((platform) => platform.enabled)
          .map((platform) => ({
            key: platform.key,
            name: platform.name,
            sourceType: platform.sourceType,
            logoSrc: `/branding/${platform.key}/square.svg`,
          })),
        actionUrl: `/link/company/${company.id}`,
        ...(notice ? { notice } : {}),
      }),
    );
  }

  /** The customer picked a platform on the Hosted Link: reuse or create the connection and go to its consent page. */
  private pick(companyId: string, key: string | null): PageResponse {
    const company = this.state.companies.get(companyId.toLowerCase());
    if (!company) return page(404, consentPage({ ...blank, state: 'not_found' }));
    const platform = key ? platformsByKey.get(key) : undefined;
    if (!platform || !platform.enabled) return this.picker(companyId, 'Choose one of the platforms listed.');
    let connection = company.connections.find((candidate) => candidate.platform.key === platform.key);
    if (!connection) {
      const accounting = company.connections.find((candidate) => candidate.platform.sourceType === 'Accounting');
      if (platform.sourceType === 'Accounting' && accounting) {
        return this.picker(
          companyId,
          `You already have an accounting connection (${accounting.platform.name}). A company can have only one.`,
        );
      }
      connection = this.state.createConnection(company, platform);
    }
    if (connection.status === 'Linked')
      return page(200, consentPage(this.consentInput(company.id, connection.id, 'authorised')));
    const link = currentLink(connection, this.state.clock.now(), this.state.random);
    return {
      status: 303,
      headers: { Location: `${linkPath(connection)}?otp=${link.code}`, 'Cache-Control': 'no-store' },
      body: '',
    };
  }

  /** Forget consent sessions older than a day (called now and then). */
  prune(): void {
    const cutoff = this.state.clock.now() - day;
    for (const [token, session] of this.sessions) if (session.expiresAt < cutoff) this.sessions.delete(token);
  }
}

const blank: ConsentPageInput = {
  companyName: '',
  platformName: '',
  platformKey: '',
  sourceType: '',
  logoSrc: '',
  actionUrl: '',
  state: 'not_found',
};

function page(status: number, body: string): PageResponse {
  return { status, headers: sandboxPageHeaders, body };
}
