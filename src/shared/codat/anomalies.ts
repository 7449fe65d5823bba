/**
 * What Linkdesk could not fully read in Codat's answers: a value it does not know yet (kept as it is), or a record
 * of a list it left out. Each distinct problem is logged once per process, with at most a record's id: never a
 * whole record, never a key. The set of problems seen is bounded, so a hostile answer cannot grow it for ever.
 */
const reported = new Set<string>();
const maxReported = 500;

/** A value from outside, quoted, control characters escaped, and cut short. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

function once(key: string, message: () => string): void {
  if (reported.has(key)) return;
  if (reported.size >= maxReported) {
    if (reported.size === maxReported) {
      reported.add('(full)');
      console.warn('[codat] Many more values or records Linkdesk cannot read: no longer logging each one.');
    }
    return;
  }
  reported.add(key);
  console.warn(message());
}

/** `resource.field` held a value outside the ones Linkdesk knows (for example a status Codat added). */
export function reportUnknownValue(resource: string, field: string, value: string): void {
  once(
    JSON.stringify(['value', resource, field, value]),
    () =>
      `[codat] ${capitalise(article(resource))} has ${field} ${quote(value)}, a value Linkdesk does not know yet: it is kept and shown as it is.`,
  );
}

/** A record of a list did not have the shape Linkdesk needs, so it was left out and the others kept. */
export function reportUnreadableRecord(resource: string, problem: string, id: string | null): void {
  once(
    JSON.stringify(['record', resource, problem]),
    () =>
      `[codat] Left out ${article(resource)} record Linkdesk could not read (${id === null ? '' : `${quote(id)}: `}${problem}); the others are shown.`,
  );
}

/** For tests: forget what was logged. */
export function resetReportedAnomalies(): void {
  reported.clear();
}
