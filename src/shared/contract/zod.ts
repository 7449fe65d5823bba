/**
 * zod, as the contract uses it. The renderer's CSP forbids eval: tell zod not to probe for it. Every file of the
 * contract takes `z` from here, so this runs before any of the contract's schemas is built.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
