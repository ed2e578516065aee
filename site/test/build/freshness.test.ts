/**
 * Freshness on the fixture build (clock fixed at 2026-12-01 by buildFixtureSite): the check date
 * on every fiche page in every language, the overdue notice, the history of change notes, and
 * the dates in JSON-LD, open data and feeds.
 */
import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { translator } from '../../src/lib/i18n';
import { formatDate } from '../../src/lib/infocards';
import { fixtureFiche, fixtureFiches, page } from '../helpers/dist';

const text = (urlPath: string, selector: string) => page(urlPath).document.querySelector(selector)?.textContent?.trim();

describe('« Informations vérifiées le »', () => {
  it.each(localeCodes)('%s: on every fiche page, with the French fiche’s check date in the page’s language', (locale) => {
    const t = translator(locale);
    for (const fiche of fixtureFiches()) {
      const checked = fiche.lastCheckedAt ?? fiche.changedAt ?? fiche.updatedAt;
      const { document } = page(sitePaths.fiche(locale, fiche));
      const time = document.querySelector(`.fiche-meta time[datetime="${checked}"]`);
      expect(time?.textContent?.trim(), `${locale} ${fiche.slug}`).toBe(
        t('fiche.checkedOn', { date: formatDate(locale, checked) }),
      );
    }
  });

  it('is written with the Gregorian calendar and the language’s digits', () => {
    const fiche = fixtureFiche('carte-vitale');
    expect(text(sitePaths.fiche('fa', fiche), '.fiche-meta time:nth-of-type(2)')).toContain('سپتامبر ۲۰۲۶');
    expect(text(sitePaths.fiche('ar', fiche), '.fiche-meta time:nth-of-type(2)')).toContain('سبتمبر 2026');
    expect(text(sitePaths.fiche('ru', fiche), '.fiche-meta time:nth-of-type(2)')).toContain('сентября 2026');
  });
});

describe('the overdue notice', () => {
  it.each(localeCodes)(
    '%s: on a fiche unchecked for more than its interval past its review date, and only there',
    (locale: Locale) => {
      const t = translator(locale);
      const stale = fixtureFiche('permanence-sante-exil');
      const notice = page(sitePaths.fiche(locale, stale)).document.querySelector('.fiche-stale');
      expect(notice?.getAttribute('role')).toBe('note');
      expect(notice?.textContent?.trim()).toBe(
        t('fiche.notCheckedSince', { date: formatDate(locale, '2024-11-03T00:00:00.000Z') }),
      );
      for (const fiche of fixtureFiches().filter((candidate) => candidate.slug !== stale.slug)) {
        expect(page(sitePaths.fiche(locale, fiche)).document.querySelector('.fiche-stale'), fiche.slug).toBeNull();
      }
    },
  );
});

describe('the history', () => {
  const fiche = () => fixtureFiche('carte-vitale');
  const notes = (locale: Locale) =>
    page(sitePaths.fiche(locale, fiche()))
      .document.querySelectorAll('details.fiche-history li')
      .map((item) => ({
        date: item.querySelector('time')?.getAttribute('datetime'),
        lang: item.querySelector('span')?.getAttribute('lang') ?? locale,
      }));

  it('is collapsed, newest first, each note in the reader’s language where validated, else French marked lang="fr"', () => {
    const details = page(sitePaths.fiche('ar', fiche())).document.querySelector('details.fiche-history');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(notes('ar')).toEqual([
      { date: '2026-11-27T17:04:17.408Z', lang: 'fr' },
      { date: '2026-06-02T14:00:00.000Z', lang: 'fr' },
      { date: '2026-03-10T08:30:00.000Z', lang: 'ar' },
    ]);
    expect(notes('en')[0]).toEqual({ date: '2026-11-27T17:04:17.408Z', lang: 'en' });
    expect(notes('fr').map((note) => note.lang)).toEqual(['fr', 'fr', 'fr']);
  });

  it('says so when no publication carried a note', () => {
    const t = translator('uk');
    expect(text(sitePaths.fiche('uk', fixtureFiche('protection-universelle-maladie')), 'details.fiche-history p')).toBe(
      t('fiche.historyNone'),
    );
  });
});

describe('dates for machines', () => {
  it('JSON-LD: dateModified is the last real change, lastReviewed the check', () => {
    const stale = fixtureFiche('permanence-sante-exil');
    const script =
      page(sitePaths.fiche('fr', stale)).document.querySelector('script[type="application/ld+json"]')?.textContent ?? '';
    const webPage = (JSON.parse(script) as { '@graph': Record<string, string>[] })['@graph'][0]!;
    expect(webPage.dateModified).toBe(stale.changedAt);
    expect(webPage.lastReviewed).toBe('2024-11-03T00:00:00.000Z');
  });

  it('open data: lastCheckedAt, lastChangedAt and nextReviewAt', () => {
    const data = JSON.parse(page(sitePaths.openData('ar')).html) as { fiches: Record<string, unknown>[] };
    const entry = data.fiches.find((candidate) => candidate.shortId === fixtureFiche('carte-vitale').shortId);
    expect(entry).toMatchObject({
      lastCheckedAt: '2026-09-15T00:00:00.000Z',
      nextReviewAt: '2027-03-15T00:00:00.000Z',
      lastChangedAt: '2026-11-27T17:04:17.408Z',
    });
    const old = data.fiches.find((candidate) => candidate.shortId === fixtureFiche('halte-garderie-insertion').shortId);
    expect(old).toMatchObject({ nextReviewAt: null, lastChangedAt: fixtureFiche('halte-garderie-insertion').updatedAt });
  });
});
