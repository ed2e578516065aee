import { describe, expect, it } from 'vitest';

import { checkLinkUrl, findLinkProblems, linkUrlMessage } from '../src';

describe('checkLinkUrl — the one rule for external links, CMS and site', () => {
  it.each([
    ['https://www.caf.fr/', 'https://www.caf.fr/'],
    ['  http://example.org/a?b=1#c ', 'http://example.org/a?b=1#c'],
    ['mailto:accueil@example.org', 'mailto:accueil@example.org'],
    ['tel:+33123456789', 'tel:+33123456789'],
  ])('accepts %j', (input, url) => {
    expect(checkLinkUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'empty'],
    [undefined, 'empty'],
    ['www.caf.fr', 'malformed'],
    ['/fr/x/', 'malformed'],
    ['#top', 'malformed'],
    ['https://', 'malformed'],
    ['javascript:alert(1)', 'protocol'],
    ['JaVaScRiPt:alert(1)', 'protocol'],
    ['java\nscript:alert(1)', 'protocol'],
    ['data:text/html,<script>alert(1)</script>', 'protocol'],
    ['vbscript:msgbox(1)', 'protocol'],
    ['javascript%3Aalert(1)', 'malformed'],
  ])('refuses %j (%s)', (input, problem) => {
    const check = checkLinkUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toBe(problem);
  });

  it('explains in French what to write instead', () => {
    const check = checkLinkUrl('javascript:alert(1)');
    if (check.ok) throw new Error('accepted');
    expect(linkUrlMessage(check)).toMatch(/n’est pas autorisé.*https:\/\//);
  });
});

describe('findLinkProblems', () => {
  const link = (url: unknown, linkType = 'custom', type = 'link') => ({
    type,
    fields: { linkType, url },
    children: [{ type: 'text', text: 'la CAF' }],
  });
  const doc = (...children: unknown[]) => ({ root: { type: 'root', children: [{ type: 'paragraph', children }] } });

  it('finds external links and autolinks the site would refuse, with their path and text', () => {
    const problems = findLinkProblems(
      doc(link('https://www.caf.fr/'), link('www.caf.fr'), link('javascript:x', 'custom', 'autolink')),
    );
    expect(problems.map((problem) => [problem.path, problem.text, problem.check.problem])).toEqual([
      ['root.children[0].children[1]', 'la CAF', 'malformed'],
      ['root.children[0].children[2]', 'la CAF', 'protocol'],
    ]);
  });

  it('leaves internal links to the relationship check', () => {
    expect(
      findLinkProblems(
        doc({ type: 'link', fields: { linkType: 'internal', doc: { relationTo: 'fiches', value: 'x' } }, children: [] }),
      ),
    ).toEqual([]);
  });

  it('accepts an empty or missing document', () => {
    expect(findLinkProblems(null)).toEqual([]);
    expect(findLinkProblems({ root: { type: 'root', children: [] } })).toEqual([]);
  });
});
