/**
 * The repository stands alone: a user's clone has nothing beside it. Nothing tracked reads or links a path
 * outside the repository, and the OpenAPI document it carries is the unedited one its README names.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && !file.endsWith('package-lock.json') && !file.startsWith('spec/codat-platform'));

/** `../shared`, `../../shared`…: the reference folder beside a developer's checkout, which a clone does not have. */
const outsideReference = /(^|[^\w./-])(\.\.\/)+shared\//;
/** This checkout's own absolute path: a file that names it works only on this machine. */
const thisCheckout = `${process.cwd()}${path.sep}`;

describe('the repository stands alone', () => {
  it('reads and links nothing outside itself', () => {
    const offenders: string[] = [];
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // a file removed in the working tree
      }
      text.split('\n').forEach((line, index) => {
        if (outsideReference.test(line) || line.includes(thisCheckout))
          offenders.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('carries the unedited OpenAPI document its spec/README.md names', () => {
    const hash = createHash('sha256').update(readFileSync('spec/codat-platform.openapi.json')).digest('hex');
    expect(hash).toBe('ca0b78fba5868cfab1e39f4bfef733bff366ff798e26caa9d1f0122f99549650');
    expect(readFileSync('spec/README.md', 'utf8')).toContain(hash);
  });
});
