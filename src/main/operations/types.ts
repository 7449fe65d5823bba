import type { OperationName } from '@shared/contract';
import type { Handlers } from '../bridge/dispatcher';

/** The handlers of one area of the contract (`companies.*`, `data.*`, …), which one service serves. */
export type AreaHandlers<Area extends string> = Pick<Handlers, Extract<OperationName, `${Area}.${string}`>>;
