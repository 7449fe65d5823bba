import { BridgeFailure } from '@shared/result';

/** Awaits a promise that must fail with a BridgeFailure, and returns that failure. */
export async function failureOf(promise: Promise<unknown>): Promise<BridgeFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
