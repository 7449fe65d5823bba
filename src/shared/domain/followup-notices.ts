/**
 * What a follow-up check tells the account manager: one desktop notification per check, whatever the number of
 * events (several at once are grouped), in words a person reads at a glance. Pure, shared by main (which shows
 * it on the desktop) and the renderer (which shows it where main cannot: the browser console).
 */
import { z } from 'zod';
import type { HandOverEvent, HandOverEventKind } from './handovers';
import { listWithin, oneLine } from './notice-text';

/** Which kinds of follow-up the user wants to hear about (Settings › Follow-ups); all on by default. */
export const followUpNotifySchema = z
  .object({
    linked: z.boolean().default(true),
    /** Finished and failed alike. */
    firstSync: z.boolean().default(true),
    expiringSoon: z.boolean().default(true),
    expired: z.boolean().default(true),
  })
  .strict();
export type FollowUpNotify = z.infer<typeof followUpNotifySchema>;

const settingForKind: Record<HandOverEventKind, keyof FollowUpNotify> = {
  linked: 'linked',
  first_sync_finished: 'firstSync',
  first_sync_failed: 'firstSync',
  expiring_soon: 'expiringSoon',
  expired: 'expired',
};

/** Where clicking the notification leads: the company it is about, or the Follow-ups page for a group. */
export const followUpNoticeTargetSchema = z.union([
  z.object({ companyId: z.string().max(64) }).strict(),
  z.object({ page: z.literal('followups') }).strict(),
]);
export type FollowUpNoticeTarget = z.infer<typeof followUpNoticeTargetSchema>;

export const followUpNoticeSchema = z.object({
  title: z.string().max(200),
  body: z.string().max(1000),
  target: followUpNoticeTargetSchema,
  /** The same for every window shown the same notice (a browser replaces one with the same tag). */
  tag: z.string().max(200),
});
export type FollowUpNotice = z.infer<typeof followUpNoticeSchema>;

/** Customer and platform names come from Codat: one line each, and short enough to read in a notification. */
const nameLimit = 60;
const bodyLimit = 300;

const customer = (event: HandOverEvent) => oneLine(event.companyName, nameLimit) || 'A customer';
const platform = (event: HandOverEvent) => oneLine(event.platformName, nameLimit) || 'their software';

/** The notification for one event alone. */
function single(event: HandOverEvent): { title: string; body: string } {
  const name = customer(event);
  switch (event.kind) {
    case 'linked':
      return { title: `${name} linked ${platform(event)}`, body: 'Linkdesk follows the first sync.' };
    case 'first_sync_finished':
      return { title: `${name}’s first sync finished`, body: `${platform(event)}: every data type was read.` };
    case 'first_sync_failed':
      return {
        title: `${name}’s first sync failed`,
        body: event.detail
          ? `Codat says: ${oneLine(event.detail, bodyLimit - 12)}`
          : `${platform(event)}: open the company to see why.`,
      };
    case 'expiring_soon':
      return {
        title: `The link for ${name} expires in 2 hours and has not been used`,
        body: `${platform(event)} link: remind the customer, or send a fresh link.`,
      };
    case 'expired':
      return {
        title: `The link for ${name} expired unused: send a fresh link`,
        body: `${platform(event)} links work for 24 hours after Codat issues them.`,
      };
  }
}

/** One event in a group's list. */
function line(event: HandOverEvent): string {
  const name = customer(event);
  switch (event.kind) {
    case 'linked':
      return `${name} linked ${platform(event)}`;
    case 'first_sync_finished':
      return `${name}’s first sync finished`;
    case 'first_sync_failed':
      return `${name}’s first sync failed`;
    case 'expiring_soon':
      return `${name}’s link expires in 2 hours`;
    case 'expired':
      return `${name}’s link expired unused`;
  }
}

/** The group's list: as many events as fit in the body, then how many more. */
function lines(events: readonly HandOverEvent[]): string {
  return listWithin(events.map(line), bodyLimit);
}

/** The events of one check the user wants to hear about (Settings › Follow-ups). */
export function eventsToNotify(events: readonly HandOverEvent[], notify: FollowUpNotify): HandOverEvent[] {
  return events.filter((event) => notify[settingForKind[event.kind]]);
}

/**
 * The one notification for a check's events (null: nothing to say, or every kind turned off). Several events
 * are one notification ("3 follow-ups"), which opens the Follow-ups page, unless they are all about one company.
 */
export function followUpNotice(events: readonly HandOverEvent[], notify: FollowUpNotify): FollowUpNotice | null {
  const shown = eventsToNotify(events, notify);
  const first = shown[0];
  if (!first) return null;
  const tag = `followups:${first.handOverId}:${first.kind}:${shown.length}`;
  const oneCompany = shown.every((event) => event.companyId.toLowerCase() === first.companyId.toLowerCase());
  const target: FollowUpNoticeTarget = oneCompany ? { companyId: first.companyId } : { page: 'followups' };
  if (shown.length === 1) return { ...single(first), target, tag };
  return { title: `${shown.length} follow-ups`, body: lines(shown), target, tag };
}
