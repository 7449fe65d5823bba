/** Severity in words and icons, shared by the Health page and the Inbox: colour is never the only signal. */
import { CircleAlert, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { Severity } from '@shared/domain/health/model';

export const severityWords: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** An icon per severity, so its colour (red, amber, grey) is never the only signal. */
export const severityIcons: Record<Severity, LucideIcon> = {
  critical: CircleAlert,
  warning: TriangleAlert,
  info: Info,
};
