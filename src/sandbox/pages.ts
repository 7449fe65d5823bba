/**
 * Customer-facing pages of the training sandbox (the stand-in for Codat's Hosted Link and connection links).
 *
 * Pure functions returning complete HTML documents. There is no script at all: every choice is a plain form POST, so
 * the pages work with scripting off and can be driven over plain HTTP. All dynamic text is HTML-escaped.
 */

export interface ConsentPageInput {
  companyName: string;
  platformName: string;
  platformKey: string;
  sourceType: string;
  /** URL of the square lettermark, served by the sandbox. */
  logoSrc: string;
  /** Where the form POSTs; the chosen action goes in field `action` ('authorise' | 'cancel' | 'fail'). */
  actionUrl: string;
  state: 'open' | 'used' | 'expired' | 'authorised' | 'cancelled' | 'failed' | 'not_found';
}

export interface PlatformPickerInput {
  companyName: string;
  /** The enabled integrations. */
  integrations: Array<{ key: string; name: string; sourceType: string; logoSrc: string }>;
  /** Form POST target; the chosen key goes in field `platformKey`. */
  actionUrl: string;
  /** Shown at the top, e.g. "You already have an accounting connection". */
  notice?: string;
}

/** Response headers for every sandbox page. */
export const sandboxPageHeaders: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; " +
    "base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Connection links are single-use: never let a browser or proxy replay a cached consent form.
  'Cache-Control': 'no-store',
};

const LINK_RULES = 'Connection links work once, and for 24 hours.';
const ASK_FOR_NEW = 'Ask your account manager for a fresh link.';
const CLOSE = 'You can close this window.';

export function consentPage(input: ConsentPageInput): string {
  const platform = input.platformName;
  switch (input.state) {
    case 'open':
      return openConsent(input);
    case 'authorised':
      return outcomePage('Connected', 'ok', '✓', [`${platform} is now connected for ${input.companyName}.`, CLOSE]);
    case 'cancelled':
      return outcomePage('You cancelled', 'neutral', '–', [`Nothing was shared with ${input.companyName}.`, CLOSE]);
    case 'failed':
      return outcomePage('The platform refused the connection', 'bad', '!', [
        `${platform} did not allow the connection (a simulated failure in the training sandbox).`,
        CLOSE,
      ]);
    case 'used':
      return outcomePage('This link has already been used', 'neutral', '!', [LINK_RULES, ASK_FOR_NEW]);
    case 'expired':
      return outcomePage('This link has expired', 'neutral', '!', [
        `${LINK_RULES} This one is more than 24 hours old.`,
        ASK_FOR_NEW,
      ]);
    case 'not_found':
      return outcomePage('This link is not valid', 'neutral', '?', [
        'Check that you opened the whole link from your email.',
        `If it still does not work, ${ASK_FOR_NEW.charAt(0).toLowerCase()}${ASK_FOR_NEW.slice(1)}`,
      ]);
    default:
      return outcomePage('This link is not valid', 'neutral', '?', [ASK_FOR_NEW]);
  }
}

function openConsent(input: ConsentPageInput): string {
  const sourceType = input.sourceType.trim().toLowerCase() || 'business';
  const request =
    `${input.companyName} is asking for read access to your ${sourceType} data ` + 'through Codat (training sandbox).';
  const body = `
<div class="brand">
  <img class="logo" src="${attr(safeUrl(input.logoSrc))}" alt="" width="56" height="56">
</div>
<h1>Connect ${text(input.platformName)}</h1>
<p class="lead">${text(request)}</p>
<form class="actions" method="post" action="${attr(safeUrl(input.actionUrl))}">
  <button class="btn primary" type="submit" name="action" value="authorise">Authorise</button>
  <button class="btn" type="submit" name="action" value="cancel">Cancel</button>
  <div class="fail">
    <button class="btn subtle" type="submit" name="action" value="fail" aria-describedby="fail-hint">Fail</button>
    <p id="fail-hint" class="hint">Simulate the platform refusing the connection.</p>
  </div>
</form>`;
  return documentOf(`Connect ${input.platformName}`, body);
}

type Tone = 'ok' | 'bad' | 'neutral';

function outcomePage(heading: string, tone: Tone, symbol: string, lines: string[]): string {
  const body = `
<div class="status ${tone}" aria-hidden="true">${text(symbol)}</div>
<h1>${text(heading)}</h1>
${lines.map((line) => `<p>${text(line)}</p>`).join('\n')}`;
  return documentOf(heading, body);
}

const GROUP_ORDER = ['accounting', 'banking', 'commerce'];

export function platformPickerPage(input: PlatformPickerInput): string {
  const groups = new Map<string, { label: string; items: PlatformPickerInput['integrations'] }>();
  for (const integration of input.integrations) {
    const label = integration.sourceType.trim() || 'Other';
    const id = label.toLowerCase();
    const group = groups.get(id) ?? { label: capitalise(label), items: [] };
    group.items.push(integration);
    groups.set(id, group);
  }
  const rank = (id: string): number => {
    const index = GROUP_ORDER.indexOf(id);
    return index === -1 ? GROUP_ORDER.length : index;
  };
  const ordered = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'en'));

  const sections = ordered.map(([, group], index) => {
    const items = [...group.items].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
    return `
  <section aria-labelledby="group-${index}">
    <h2 id="group-${index}">${text(group.label)}</h2>
    <ul class="platforms">
${items
  .map(
    (item) =>
      `      <li><button class="platform" type="submit" name="platformKey" value="${attr(item.key)}">` +
      `<img src="${attr(safeUrl(item.logoSrc))}" alt="" width="32" height="32">` +
      `<span>${text(item.name)}</span></button></li>`,
  )
  .join('\n')}
    </ul>
  </section>`;
  });

  const notice = input.notice?.trim() ? `\n<p class="notice" role="alert">${text(input.notice.trim())}</p>` : '';
  const choices = sections.length
    ? `\n<form method="post" action="${attr(safeUrl(input.actionUrl))}">${sections.join('\n')}\n</form>`
    : '\n<p class="empty">No software can be connected right now. Ask your account manager for help.</p>';
  const body = `
<h1>Connect your software</h1>
<p class="lead">for ${text(input.companyName)}</p>${notice}
<p class="hint">Choose the software that holds your records. You will be asked to approve access.</p>${choices}`;
  return documentOf(`Connect your software for ${input.companyName}`, body);
}

function documentOf(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${text(title)} · Linkdesk training sandbox</title>
<style>${STYLES}</style>
</head>
<body>
<main class="card">
<p class="banner" role="note"><strong>Linkdesk training sandbox.</strong>
This is not a real platform: nothing you do here touches real accounts or data.</p>${body}
</main>
</body>
</html>
`;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape for element content. Control characters are dropped; they have no business in a name. */
function text(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

/** Escape for a double-quoted attribute value. */
function attr(value: string): string {
  return text(value).replace(/[\n\r\t]/g, ' ');
}

/** Relative URLs and http(s) pass; anything with another scheme (javascript:, data:, …) becomes inert. */
function safeUrl(url: string): string {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return trimmed;
  return '#';
}

function capitalise(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #eef1f5; --card: #ffffff; --text: #161a22; --muted: #4a5260; --border: #d5dae1;
  --primary: #1f5fd6; --primary-hover: #174bb0; --on-primary: #ffffff;
  --button: #f5f7fa; --button-hover: #e8ecf2; --focus: #1f5fd6;
  --banner-bg: #fff4d6; --banner-text: #5c3d00; --banner-border: #e8b339;
  --notice-bg: #fdecec; --notice-text: #7a1616; --notice-border: #e38b8b;
  --ok: #177a3c; --bad: #b3261e; --neutral: #5a6372;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1117; --card: #171b23; --text: #e8ebf0; --muted: #a3abb8; --border: #2f3643;
    --primary: #2f6fe4; --primary-hover: #4a84ee; --on-primary: #ffffff;
    --button: #202632; --button-hover: #2a3140; --focus: #7aa7ff;
    --banner-bg: #3a2d0b; --banner-text: #f5dc9a; --banner-border: #8a6a1c;
    --notice-bg: #3d1717; --notice-text: #f7c4c4; --notice-border: #8c3434;
    --ok: #3fb96b; --bad: #f0605a; --neutral: #8a94a6;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; padding: 40px 16px; color: var(--text); background: var(--bg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.card {
  max-width: 480px; margin: 0 auto; padding: 24px 28px 28px; background: var(--card);
  border: 1px solid var(--border); border-radius: 14px; box-shadow: 0 6px 24px rgba(15, 23, 42, 0.08);
  overflow-wrap: anywhere;
}
.banner {
  margin: 0 0 20px; padding: 10px 12px; font-size: 14px; line-height: 1.4; color: var(--banner-text);
  background: var(--banner-bg); border: 1px solid var(--banner-border); border-radius: 8px;
}
h1 { margin: 0 0 8px; font-size: 24px; line-height: 1.25; }
h2 {
  margin: 24px 0 8px; font-size: 13px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
  color: var(--muted);
}
p { margin: 0 0 10px; }
.lead { color: var(--muted); margin-bottom: 20px; }
.hint { font-size: 14px; color: var(--muted); }
.brand { margin-bottom: 16px; }
.logo { display: block; width: 56px; height: 56px; border-radius: 12px; }
.actions { display: grid; gap: 10px; margin-top: 8px; }
.btn, .platform {
  font: inherit; color: var(--text); background: var(--button); border: 1px solid var(--border);
  border-radius: 8px; cursor: pointer;
}
.btn { width: 100%; min-height: 44px; padding: 10px 16px; font-weight: 600; }
.btn:hover, .platform:hover { background: var(--button-hover); }
.btn.primary { color: var(--on-primary); background: var(--primary); border-color: var(--primary); }
.btn.primary:hover { background: var(--primary-hover); border-color: var(--primary-hover); }
.fail {
  display: flex; align-items: center; gap: 12px; margin-top: 10px; padding-top: 14px;
  border-top: 1px dashed var(--border);
}
.fail .btn { width: auto; min-width: 88px; font-weight: 500; }
.fail .hint { margin: 0; }
.btn:focus-visible, .platform:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.status {
  display: flex; align-items: center; justify-content: center; width: 48px; height: 48px; margin-bottom: 14px;
  border-radius: 50%; font-size: 24px; font-weight: 700; color: #ffffff; background: var(--neutral);
}
.status.ok { background: var(--ok); }
.status.bad { background: var(--bad); }
.notice {
  padding: 10px 12px; color: var(--notice-text); background: var(--notice-bg);
  border: 1px solid var(--notice-border); border-radius: 8px;
}
.platforms { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.platform {
  display: flex; align-items: center; gap: 12px; width: 100%; min-height: 52px; padding: 9px 12px;
  text-align: left; font-weight: 600;
}
.platform img { flex: none; width: 32px; height: 32px; border-radius: 7px; }
.empty { color: var(--muted); }
@media (prefers-reduced-motion: no-preference) { .btn, .platform { transition: background-color 0.12s; } }
`;
