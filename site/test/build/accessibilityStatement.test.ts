/**
 * The accessibility statement of the fixture build: in every language, its figures are those of
 * the RGAA audit document (recomputed from its criteria, never written by hand), it is in the
 * sitemaps, and every page with the site's footer links to it with the conformance level.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { formatConformanceRate, parseAccessibilityAudit } from '../../src/lib/accessibilityAudit';
import { translator } from '../../src/lib/i18n';
import { intlLocale } from '../../src/lib/infocards';
import { allPages, page } from '../helpers/dist';
import { siteRoot, testDistDir, testSiteUrl } from '../helpers/paths';

const auditSource = readFileSync(path.resolve(siteRoot, '../docs/accessibility/audit-rgaa-4.1.md'), 'utf8');
const audit = parseAccessibilityAudit(auditSource);
const text = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

describe('the accessibility statement', () => {
  it.each(localeCodes)('%s: states the audit’s level, rate, counts and date, in the page’s language', (locale) => {
    const t = translator(locale);
    const { document } = page(sitePaths.accessibility(locale));
    expect(document.querySelector('html')?.getAttribute('lang')).toBe(locale);
    expect(text(document.querySelector('h1')?.text)).toBe(t('accessibility.title'));
    const level = document.querySelector('[data-conformance-level]');
    expect(level?.getAttribute('data-conformance-level')).toBe(audit.level);
    expect(text(level?.text)).toBe(t('accessibility.status', { level: t(`accessibility.level.${audit.level}`) }));
    const results = text(document.querySelector('[data-conformance-rate]')?.text);
    expect(results).toContain(text(formatConformanceRate(audit.rate, intlLocale(locale))));
    const number = (value: number) => new Intl.NumberFormat(intlLocale(locale)).format(value);
    expect(results).toContain(text(number(audit.conformant)));
    expect(results).toContain(text(number(audit.conformant + audit.nonConformant)));
    // Every section the law asks for: non-accessible content, derogations, feedback and contact, remedies.
    const headings = document.querySelectorAll('h2, h3').map((heading) => text(heading.text));
    for (const key of [
      'statusTitle',
      'resultsTitle',
      'nonAccessibleTitle',
      'nonConformitiesTitle',
      'derogationsTitle',
      'exemptTitle',
      'establishmentTitle',
      'feedbackTitle',
      'remedyTitle',
    ] as const) {
      expect(headings).toContain(t(`accessibility.${key}`));
    }
    expect(document.querySelector(`a[href="mailto:${audit.contact}"]`)).not.toBeNull();
    expect(document.querySelector(`a[href="${sitePaths.accessibilityAudit()}"]`)?.getAttribute('hreflang')).toBe('fr');
    // Non-conformities are listed one by one (none today: the « none found » sentence instead).
    const listed = document.querySelectorAll('[data-non-conformities] li').map((item) => text(item.text).split(' ')[0]);
    expect(listed).toEqual(audit.nonConformities.map((criterion) => criterion.id));
    if (audit.nonConformities.length === 0)
      expect(text(document.querySelector('main')?.text)).toContain(t('accessibility.noNonConformity'));
  });

  it('serves the audit report itself, as the statement links to it', () => {
    expect(readFileSync(path.join(testDistDir, sitePaths.accessibilityAudit().slice(1)), 'utf8')).toBe(auditSource);
  });

  it.each(localeCodes)('%s: is in the language’s sitemap', (locale) => {
    expect(readFileSync(path.join(testDistDir, sitePaths.sitemap(locale).slice(1)), 'utf8')).toContain(
      `<loc>${testSiteUrl}${sitePaths.accessibility(locale)}</loc>`,
    );
  });

  it('is linked from the footer of every page that has one, with the conformance level, in the page’s language', () => {
    const problems: string[] = [];
    let footers = 0;
    for (const built of allPages()) {
      const footer = built.document.querySelector('footer');
      if (!footer) continue;
      footers += 1;
      const locale = built.document.querySelector('html')?.getAttribute('lang') as Locale;
      const t = translator(locale);
      const link = footer.querySelector(`a[href="${sitePaths.accessibility(locale)}"]`);
      const expected = t('footer.accessibility', { level: t(`accessibility.level.${audit.level}`) });
      if (text(link?.text) !== expected) problems.push(`${built.urlPath}: « ${text(link?.text)} » instead of « ${expected} »`);
    }
    expect(footers).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
