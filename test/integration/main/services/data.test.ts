/** The data service on its own, against the sandbox over HTTP: status, history, one pull, refreshes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataService } from '@main/services/data';
import { scenarioNames } from '@sandbox/seed';
import { codatFor } from '@support/codat';
import { failureOf } from '@support/failure';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

const data = () => createDataService({ api: codatFor(sandbox) });

describe('data service', () => {
  it('reads the data status per type', async () => {
    const status = await data().status(sandbox.companyId(scenarioNames.healthy));
    expect(status['invoices']).toMatchObject({ dataType: 'invoices', currentStatus: 'Complete' });
  });

  it('lists pulls newest first, or only the failed ones', async () => {
    const companyId = sandbox.companyId(scenarioNames.syncFailing);
    const all = await data().history(companyId, 1, 50, false);
    const requested = all.results.map((pull) => pull.requested);
    expect(requested).toEqual([...requested].sort().reverse());
    const failed = await data().history(companyId, 1, 50, true);
    expect(failed.results.length).toBeGreaterThan(0);
    expect(failed.results.length).toBeLessThan(all.results.length);
    expect(failed.results.every((pull) => pull.isErrored ?? pull.status.endsWith('Error'))).toBe(true);
  });

  it('reads one pull, with its validation results when validation failed, and none otherwise', async () => {
    const companyId = sandbox.companyId(scenarioNames.validationError);
    const failed = (await data().history(companyId, 1, 50, true)).results.find(
      (pull) => pull.status === 'ValidationError',
    )!;
    const { pull, validation } = await data().pull(companyId, failed.id);
    expect(pull.status).toBe('ValidationError');
    // What the sandbox's Validation Error scenario reports for that pull, item by item.
    expect(validation).toEqual({
      errors: [
        {
          ruleId: 'invoice-total-matches-lines',
          itemId: 'INV-1043',
          message: 'The invoice total does not equal the sum of its lines.',
          validatorName: 'InvoiceValidator',
        },
        {
          ruleId: 'customer-ref-exists',
          itemId: 'INV-1051',
          message: 'The invoice refers to a customer that does not exist.',
          validatorName: 'InvoiceValidator',
        },
      ],
      warnings: [
        {
          ruleId: 'currency-set',
          itemId: 'INV-0998',
          message: 'No currency was given; the base currency was assumed.',
          validatorName: 'InvoiceValidator',
        },
      ],
    });

    // A pull that did not fail validation comes without any.
    const complete = (await data().history(companyId, 1, 50, false)).results.find(
      (item) => item.status === 'Complete',
    )!;
    expect(await data().pull(companyId, complete.id)).toMatchObject({
      pull: { status: 'Complete' },
      validation: null,
    });
  });

  it('queues a refresh of everything or of one type, and passes on Codat’s refusal in its words', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    expect(await data().refreshAll(companyId)).toEqual({ queued: true });
    const busy = await failureOf(data().refreshDataType(companyId, 'invoices'));
    expect(busy.error.message).toMatch(/DatasetAlreadyInProgress/);
    sandbox.control.advanceClock(6 * 60 * 60_000);
    expect((await data().refreshDataType(companyId, 'invoices')).dataType).toBe('invoices');
  });
});
