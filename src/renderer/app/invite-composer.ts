/**
 * The invite composer, lent by the company feature to others (Health's fresh links in bulk). Features stay apart;
 * the app, which composes them, names what one lends another, so moving the composer changes only this file.
 */
export { InviteComposer } from '@renderer/features/company/handover/InviteComposer';
export type { HandOverLink } from '@renderer/features/company/handover/hand-over';
