/**
 * Deep links (`linkdesk://company/<id>[/connection/<id>]`) handed over by the OS: as an argument to a second
 * instance (Windows, Linux) or through macOS's open-url. A deep link only navigates: it is read by the strict
 * parser in @shared/links and becomes an `app.navigate` event for the renderer; it never loads a page and never
 * asks for a change. Anything else is ignored with a `[deep-link]` log line. No electron here: index.ts adapts.
 */
import { deepLinkScheme, parseDeepLink, type LinkTarget } from '@shared/links';

/** Where a deep link lands: the main window, once its page is ready. */
export interface DeepLinkWindow {
  /** Tells the renderer to open the target (the `app.navigate` event). */
  navigate(target: LinkTarget): void;
  /** Brings the window forward (restored if minimised). */
  show(): void;
}

/** The first argument that claims to be a deep link (the OS passes the URL as one argument), or null. */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return (
    argv.find((argument) => argument.slice(0, deepLinkScheme.length + 1).toLowerCase() === `${deepLinkScheme}:`) ?? null
  );
}

/** A link as it may appear in a log line: short, on one line. */
function forLog(url: string): string {
  const oneLine = url.replace(/[\u0000-\u001f\u007f]/g, '?');
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

export function createDeepLinkHandler(options: { warn(line: string): void }) {
  let window: DeepLinkWindow | null = null;
  /** A link that arrived before the window could take it: the first page load opens it. */
  let pending: LinkTarget | null = null;

  const handler = {
    /** One URL from the OS. Returns whether it was a deep link Linkdesk accepts. */
    open(url: string): boolean {
      const read = parseDeepLink(url);
      if (!read.ok) {
        options.warn(`[deep-link] ignored ${forLog(url)}: ${read.reason}`);
        return false;
      }
      if (window) {
        window.show();
        window.navigate(read.target);
      } else {
        pending = read.target;
      }
      return true;
    },
    /** A process's arguments (at start, or a second instance's): opens the deep link among them, if any. */
    openFromArgv(argv: readonly string[]): boolean {
      const url = deepLinkInArgv(argv);
      return url === null ? false : handler.open(url);
    },
    /** The target to open with the first page load (a cold start from a link), taken once. */
    takePending(): LinkTarget | null {
      const target = pending;
      pending = null;
      return target;
    },
    /** The window is ready: later links go to it; one that arrived meanwhile goes now. */
    attach(target: DeepLinkWindow): void {
      window = target;
      const waiting = handler.takePending();
      if (waiting) target.navigate(waiting);
    },
    detach(): void {
      window = null;
    },
  };
  return handler;
}

export type DeepLinkHandler = ReturnType<typeof createDeepLinkHandler>;
