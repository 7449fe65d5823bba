/**
 * The browser's Notification API, where the page has one (the browser console: its browser is the user's
 * desktop). Null where there is none (an old or locked-down browser, a test without it).
 */
export function browserNotifications(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}
