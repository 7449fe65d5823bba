/** Creating the company: one request per press, and never before the user has seen the name's duplicates. */
import { useRef, useState } from 'react';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { DuplicateCheck } from './useDuplicateCheck';

export interface NewCompany {
  customerId: string;
  description: string;
  /** Omitted when there are none. */
  tags?: Record<string, string>;
}

/**
 * How a create ended: `created` (opened), `duplicates` (found only now: the user must see them and press again),
 * `unchecked` (the duplicate check failed, and says so), `failed` (Codat refused; `error` says why).
 */
export type CreateOutcome = 'created' | 'duplicates' | 'unchecked' | 'failed';

export function useCreateCompany(onCreated: (company: Company) => void) {
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const inFlight = useRef(false);

  const create = async (input: NewCompany, duplicateCheck: DuplicateCheck): Promise<CreateOutcome> => {
    inFlight.current = true;
    setCreating(true);
    setError(null);
    try {
      if (duplicateCheck.duplicates === null) {
        const found = await duplicateCheck.lookUp();
        if (found === null) return 'unchecked';
        if (found.length > 0) return 'duplicates';
      }
      const result = await linkdesk.companies.create({
        customerId: input.customerId.trim(),
        ...(input.description.trim() ? { description: input.description.trim() } : {}),
        ...(input.tags ? { tags: input.tags } : {}),
      });
      if (result.ok) {
        onCreated(result.value);
        return 'created';
      }
      setError(result.error);
      return 'failed';
    } finally {
      inFlight.current = false;
      setCreating(false);
    }
  };

  return {
    creating,
    error,
    /** A create is under way (read at once, before React has re-rendered): one press, one request. */
    isInFlight: () => inFlight.current,
    create,
  };
}
