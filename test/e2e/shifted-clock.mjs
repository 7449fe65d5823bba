/**
 * Loaded with `node --import` into a web host under test: main's clock runs ahead by as much as the test says
 * (over the IPC channel), so that main can follow a sandbox whose manual clock the test moves on. Only `Date`
 * moves: timers keep real time, so a test asks for a check ("Check now") rather than waiting for one.
 */
const RealDate = Date;
let aheadMs = 0;

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + aheadMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + aheadMs;
  }
}
globalThis.Date = ShiftedDate;

process.on('message', (message) => {
  if (typeof message?.advanceClockMs !== 'number') return;
  aheadMs += message.advanceClockMs;
  process.send?.({ clockAheadMs: aheadMs });
});
// The channel must not keep a host alive that was asked to stop.
process.channel?.unref();
