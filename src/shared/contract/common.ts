/** What several areas of the contract share: the empty input, Codat IDs, and references to a company or connection. */
import { z } from './zod';

export const noInput = z.object({}).strict();

export const codatId = z.string().regex(/^[0-9A-Fa-f-]{36}$/, 'Not a Codat ID.');

export const companyRef = z.object({ companyId: codatId }).strict();
export const connectionRef = z.object({ companyId: codatId, connectionId: codatId }).strict();
