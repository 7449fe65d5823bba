/**
 * Locks down a window's web contents and session, item by item from Electron's security checklist:
 * no navigation away from the app, no new windows (allow-listed links go to the system browser),
 * no <webview>, and permission requests and checks denied (clipboard writes from our own page aside).
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from '../bridge/dispatcher';
import type { ExternalOpener } from '../ports';
import type { ExternalLinkPolicy } from '../security/external-links';

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export interface GuardOptions {
  policy: ExternalLinkPolicy;
  opener: ExternalOpener;
  /** Told about every refusal, for the log. */
  onRefused?(what: string, url: string): void;
}

export function guardWebContents(contents: ContentsLike, options: GuardOptions): void {
  const { policy, opener, onRefused } = options;
  const handOver = (url: string, what: string) => {
    const verdict = policy.check(url);
    if (verdict.allowed) void opener.open(verdict.url).catch(() => onRefused?.(`${what} (open failed)`, url));
    else onRefused?.(what, url);
  };

  // The console is a single page: any navigation is either a link click (hand it to the browser) or an attack.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    handOver(url, 'navigation');
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    onRefused?.('redirect', url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    handOver(url, 'new window');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    onRefused?.('webview', params.src ?? '');
  });
}

/**
 * Every permission is denied, except writing plain text to the clipboard from our own page ("Copy link"),
 * which the account manager needs and which reads nothing.
 */
export function guardSession(session: SessionLike, appOrigins: readonly string[] = []): void {
  const allowed = (permission: string, url: string | undefined) =>
    permission === 'clipboard-sanitized-write' && isAppUrl(url ?? null, appOrigins);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}
