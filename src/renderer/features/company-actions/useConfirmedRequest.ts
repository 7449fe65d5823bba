/**
 * The requests behind the confirmations: unlink, delete a connection, delete a company. Each is sent once however
 * often Confirm is pressed, and what Codat answered (not a guess) decides what happens next.
 */
import { useRef, useState } from 'react';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '@renderer/api';

export interface ConfirmedRequest {
  /** Sent, not answered yet. */
  busy: boolean;
  /** Codat's (or the bridge's) refusal of the last attempt. */
  failure: BridgeError | null;
  send(): Promise<void>;
}

export interface RequestOutcome {
  onDone(): void;
  /** After the failure is shown: the caller reloads what it shows, since Codat may have done part of it. */
  onFailed(): void;
}

export function useConfirmedRequest(call: () => Promise<Result<unknown>>, outcome: RequestOutcome): ConfirmedRequest {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const inFlight = useRef(false);
  const send = async () => {
    // One click, one request: a double-click while in flight does nothing.
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    const result = await call();
    inFlight.current = false;
    setBusy(false);
    if (result.ok) outcome.onDone();
    else {
      setFailure(result.error);
      outcome.onFailed();
    }
  };
  return { busy, failure, send };
}

interface ConnectionTarget {
  companyId: string;
  connectionId: string;
}

/** Unlink: Codat stops syncing; the data and the connection stay. */
export function useUnlinkConnection(target: ConnectionTarget, outcome: RequestOutcome): ConfirmedRequest {
  return useConfirmedRequest(() => linkdesk.connections.unlink(target), outcome);
}

/** Delete a connection: its access and the data synced through it go. */
export function useDeleteConnection(target: ConnectionTarget, outcome: RequestOutcome): ConfirmedRequest {
  return useConfirmedRequest(() => linkdesk.connections.delete(target), outcome);
}

/** Delete a company, with all its connections and data. */
export function useDeleteCompany(target: { companyId: string }, outcome: RequestOutcome): ConfirmedRequest {
  return useConfirmedRequest(() => linkdesk.companies.delete(target), outcome);
}
