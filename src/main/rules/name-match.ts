/**
 * Finding a company by a name as people type it. Codat keeps only A–Z, digits, spaces and - ' , & @ . ? ! in a
 * name (src/shared/codat/names.ts), so "Café" was stored as "Caf" when typed into Codat, or as "Cafe" when someone
 * typed it plainly; "O’Brien" (curly) as "OBrien", "O'Brien" as itself. Codat's `~` (contains) compares the text as
 * given, so the search asks for each form Codat may hold, and compares loosely (no accents, no punctuation) here.
 */
import { stripCompanyName } from '@shared/codat/names';

/** Letters that do not decompose into a base letter and accents. */
const extraLetters: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};
const extraLetterPattern = new RegExp(`[${Object.keys(extraLetters).join('')}]`, 'g');
/** Apostrophes and single quotes people type or paste (curly, modifier letter, prime, grave, acute). */
const apostrophes = /[\u2018\u2019\u201A\u201B\u02BC\u02B9\u2032\u0060\u00B4\uFF07]/g;
/** Hyphens and dashes. */
const dashes = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const combiningMarks = /\p{M}/gu;
const germanUmlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/** The typed text in Codat's alphabet, accents dropped rather than letters: "Café O’Brien" -> "Cafe O'Brien". */
export function transliterate(text: string): string {
  return text
    .normalize('NFKD')
    .replace(combiningMarks, '')
    .replace(extraLetterPattern, (letter) => extraLetters[letter] ?? letter)
    .replace(apostrophes, "'")
    .replace(dashes, '-');
}

function tidy(text: string): string {
  return stripCompanyName(text).replace(/\s+/g, ' ').trim();
}

/**
 * The forms in which Codat may hold a company that someone names this way, most likely first, without repeats
 * (ignoring case): as Codat would store the text typed now ("Bäckerei" -> "Bckerei"), transliterated
 * ("Backerei"), and with German umlauts spelled out ("Baeckerei").
 */
export function storedNameForms(typed: string): string[] {
  const forms = [
    tidy(typed),
    tidy(transliterate(typed)),
    tidy(transliterate(typed.replace(/[äöüÄÖÜ]/g, (letter) => germanUmlauts[letter] ?? letter))),
  ];
  const seen = new Set<string>();
  return forms.filter((form) => {
    const key = form.toLowerCase();
    if (form === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Lower-case letters and digits only, accents and punctuation gone: "O’Brien & Sons" -> "obriensons". */
export function looseKey(text: string): string {
  return transliterate(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Words as loose keys; apostrophes join ("O'Brien" is one word), anything else separates. */
export function looseWords(text: string): string[] {
  return transliterate(text)
    .toLowerCase()
    .replace(/'/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Whether a stored name holds the typed text once accents, punctuation and spacing are set aside. */
export function looselyContains(name: string, typed: string): boolean {
  const haystack = looseKey(name);
  return storedNameForms(typed).some((form) => {
    const needle = looseKey(form);
    return needle !== '' && haystack.includes(needle);
  });
}

/**
 * Parts of the typed text that a stored name must contain even if Codat holds it with an apostrophe, hyphen or
 * space the typist left out (or the other way round), for a broader second request filtered with
 * `looselyContains` and searched for close names. One separator may fall anywhere in the longest word: then the
 * word's first or second half is intact in the stored name. Empty when the text is too short to be worth a request.
 */
export function fallbackFragments(typed: string): string[] {
  const longest = transliterate(typed)
    .split(/[^A-Za-z0-9]+/)
    .reduce((best, word) => (word.length > best.length ? word : best), '');
  // Halves of a short word (two letters) would match much of any portfolio: a four-letter word is asked for
  // by its first and last three letters instead ("Cafe" finds "Caf", what Codat made of "Café").
  if (longest.length === 4) return [longest.slice(0, 3), longest.slice(1)];
  if (longest.length < 4) return [];
  const half = Math.floor(longest.length / 2);
  return [longest.slice(0, half), longest.slice(half)];
}

/** Edit distance with adjacent transpositions (optimal string alignment), giving up above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Typos a word of this length may carry and still count as close. */
function allowedTypos(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  return length <= 9 ? 2 : 3;
}

/**
 * How far a name is from the typed words (lower is closer), or null when it is not close: every typed word must
 * be near some word of the name (a typo or two, a letter Codat dropped, or the start of a longer word).
 */
export function closeness(name: string, typed: string): number | null {
  const typedWords = looseWords(transliterate(typed));
  const nameWords = looseWords(name);
  if (typedWords.length === 0 || nameWords.length === 0) return null;
  let total = 0;
  for (const word of typedWords) {
    let best = Number.POSITIVE_INFINITY;
    for (const candidate of nameWords) {
      // "caf" for "cafe": Codat dropped a letter the typist kept (é), or the typist stopped early.
      if (Math.min(candidate.length, word.length) >= 3 && (word.startsWith(candidate) || candidate.startsWith(word))) {
        best = Math.min(best, Math.abs(candidate.length - word.length) * 0.5);
        continue;
      }
      const limit = allowedTypos(word.length);
      const distance = editDistance(word, candidate, limit);
      if (distance <= limit) best = Math.min(best, distance);
    }
    if (!Number.isFinite(best)) return null;
    total += best;
  }
  return total;
}

/** The closest names among those given, closest first, at most `limit`. */
export function closestNames<T extends { name: string }>(candidates: Iterable<T>, typed: string, limit: number): T[] {
  const scored: Array<{ item: T; score: number }> = [];
  for (const item of candidates) {
    const score = closeness(item.name, typed);
    if (score !== null) scored.push({ item, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.item.name.localeCompare(b.item.name))
    .slice(0, limit)
    .map(({ item }) => item);
}
