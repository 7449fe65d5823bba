/**
 * Finding companies by one of their tags, typed as `region=uk` (Codat's `tags` filter, docs/codat-api.md §3). Keys are
 * limited to what Codat's filter language reads as a name; values to what cannot start an operator or a group.
 */
import { z } from 'zod';

export const tagFilterSchema = z
  .object({
    key: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,26}$/, 'A tag key is 1 to 27 letters, digits or _, starting with a letter.'),
    value: z
      .string()
      .trim()
      .min(1, 'Give the tag’s value after the =.')
      .max(100, 'A tag value is at most 100 characters.')
      .regex(/^[^{}=!~<>&|]+$/, 'A tag value cannot contain { } = ! ~ < > & or |.'),
  })
  .strict();

export type TagFilter = z.infer<typeof tagFilterSchema>;

/** `region=uk` (spaces around the = allowed) as a tag filter; anything else is not one. */
export function parseTagFilter(text: string): TagFilter | null {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(text);
  if (!match) return null;
  const parsed = tagFilterSchema.safeParse({ key: match[1], value: match[2] });
  return parsed.success ? parsed.data : null;
}
