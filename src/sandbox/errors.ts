/** Codat's error body (docs/codat-api.md §6), thrown by handlers and written by the server. */
import { randomUUID } from 'node:crypto';
import type { ErrorMessage } from '@shared/codat/schemas';

export type ValidationItem = {
  itemId: string;
  message: string;
  validatorName: string;
};

export class CodatError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly validation: ValidationItem[] = [],
  ) {
    super(message);
  }
}

export function correlationId(): string {
  return randomUUID().replaceAll('-', '');
}

export function errorBody(status: number, message: string, validation: ValidationItem[] = []): ErrorMessage {
  return {
    statusCode: status,
    service: 'PublicApi',
    error: message,
    correlationId: correlationId(),
    validation: { errors: validation, warnings: [] },
    canBeRetried: status === 429 || status >= 500 ? 'True' : 'Unknown',
    detailedErrorCode: 0,
  };
}

/** A 404 in one plain sentence (`No company with ID x.`). */
export const notFound = (sentence: string) => new CodatError(404, sentence);
export const badRequest = (message: string, validatorName = 'RequestValidator', itemId = 'Request') =>
  new CodatError(400, message, [{ itemId, message, validatorName }]);
