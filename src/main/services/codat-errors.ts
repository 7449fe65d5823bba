import { BridgeFailure } from '@shared/result';

/** A target that changed meanwhile (deleted elsewhere: 404) is explained rather than reported as a failure of ours. */
export function explainGone(error: unknown): never {
  if (error instanceof BridgeFailure && error.error.status === 404) {
    throw new BridgeFailure({
      ...error.error,
      message: `It no longer exists in Codat (deleted elsewhere, or by another tab). Codat said: ${error.error.message}`,
    });
  }
  throw error;
}
