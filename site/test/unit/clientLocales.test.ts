/**
 * The browser scripts keep no language list of their own: the languages and their directions are
 * the contract's (content-schemas/src/locales.ts), and a page renders what its script needs of
 * them (`data-rtl-locales`). Importing the contract into a script made a shared chunk, one more
 * request on a slow network; writing the set out again is how the three copies this replaced began.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { translationLocales } from '@passerelle/content-schemas';

import { siteRoot } from '../helpers/paths';

const clientDir = path.join(siteRoot, 'src/client');
const scripts = readdirSync(clientDir).filter((name) => name.endsWith('.ts'));
/** A quoted language code other than French (the sheet's second column is French by design). */
const languageLiteral = new RegExp(`(['"\`])(${translationLocales.join('|')})\\1`, 'g');

describe('browser scripts', () => {
  it('are read', () => {
    expect(scripts).toEqual(expect.arrayContaining(['appointmentSheet.ts', 'offlineList.ts', 'savedList.ts']));
  });

  it.each(scripts)('%s names no language but French', (name) => {
    const source = readFileSync(path.join(clientDir, name), 'utf8');
    expect(source.match(languageLiteral) ?? [], `${name}: read the languages from the page (data-rtl-locales)`).toEqual([]);
  });
});
