/** Names as people type them, against names as Codat stores them (only A–Z, digits and - ' , & @ . ? !). */
import { describe, expect, it } from 'vitest';
import {
  closestNames,
  editDistance,
  fallbackFragments,
  looselyContains,
  storedNameForms,
  transliterate,
} from '@main/rules/name-match';
import { stripCompanyName } from '@shared/codat/names';

describe('storedNameForms', () => {
  it('asks for the name as Codat would have stored it when typed so, and as plain letters', () => {
    expect(storedNameForms('Café Olé')).toEqual(['Caf Ol', 'Cafe Ole']);
    expect(storedNameForms('Bäckerei Müller')).toEqual(['Bckerei Mller', 'Backerei Muller', 'Baeckerei Mueller']);
    expect(storedNameForms('Zoë')).toEqual(['Zo', 'Zoe']);
    expect(storedNameForms('Straße')).toEqual(['Strae', 'Strasse']);
  });

  it('reads every quote style as Codat’s apostrophe, and keeps the stripped form Codat made of a curly one', () => {
    expect(storedNameForms('O’Brien')).toEqual(['OBrien', "O'Brien"]);
    expect(storedNameForms('O‘Brien')).toEqual(['OBrien', "O'Brien"]);
    expect(storedNameForms("O'Brien")).toEqual(["O'Brien"]);
    expect(storedNameForms('Smith – Sons')).toEqual(['Smith Sons', 'Smith - Sons']);
  });

  it('gives only forms Codat could hold', () => {
    for (const typed of ['Café <Olé> #1', 'Ærø Ltd', 'Łódź', '日本 Trading', '{name~x}']) {
      for (const form of storedNameForms(typed)) expect(stripCompanyName(form)).toBe(form);
    }
    expect(storedNameForms('日本')).toEqual([]);
  });
});

describe('looselyContains', () => {
  it('ignores accents, case, spaces and punctuation on either side', () => {
    expect(looselyContains("O'Brien Plumbing", 'obrien')).toBe(true);
    expect(looselyContains('OBrien Plumbing', 'O’Brien')).toBe(true);
    expect(looselyContains('Cafe Ole Ltd', 'Café Olé')).toBe(true);
    expect(looselyContains('Caf Ol Ltd', 'Café Olé')).toBe(true);
    expect(looselyContains('Harbour Bakery', 'harbourbakery')).toBe(true);
    expect(looselyContains('Harbour Bakery', 'harbour dental')).toBe(false);
  });
});

describe('fallbackFragments', () => {
  it('splits the longest word in two, so one apostrophe or space anywhere in it still leaves a half intact', () => {
    expect(fallbackFragments('obrien')).toEqual(['obr', 'ien']);
    expect(fallbackFragments('obrien plumbing')).toEqual(['plum', 'bing']);
    for (let at = 1; at < 'obrien'.length; at++) {
      const stored = `${'obrien'.slice(0, at)}'${'obrien'.slice(at)}`;
      expect(fallbackFragments('obrien').some((half) => stored.includes(half))).toBe(true);
    }
  });

  it('asks for a four-letter word by its first and last three letters, and nothing for shorter words', () => {
    expect(fallbackFragments('Cafe')).toEqual(['Caf', 'afe']);
    expect(fallbackFragments('zoe')).toEqual([]);
  });
});

describe('closeness', () => {
  it('counts typos, swapped letters and letters Codat dropped as close; other names not', () => {
    const names = [
      { name: 'Caf Ol Ltd' },
      { name: 'Harbour Bakery Ltd' },
      { name: 'Northgate Dental' },
      { name: 'Bckerei Mller' },
    ];
    expect(closestNames(names, 'Cafe', 5).map((c) => c.name)).toEqual(['Caf Ol Ltd']);
    expect(closestNames(names, 'harbuor bakrey', 5).map((c) => c.name)).toEqual(['Harbour Bakery Ltd']);
    expect(closestNames(names, 'Backerei', 5).map((c) => c.name)).toEqual(['Bckerei Mller']);
    expect(closestNames(names, 'Zebra', 5)).toEqual([]);
  });

  it('measures edit distance with transpositions, and stops early past the limit', () => {
    expect(editDistance('bakery', 'bakrey')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('transliterate', () => {
  it('drops accents and maps letters that do not decompose', () => {
    expect(transliterate('Zoë Ærø Łódź Þór ß')).toBe('Zoe AEro Lodz THor ss');
  });
});
