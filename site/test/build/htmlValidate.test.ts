/** Every built page is valid HTML by html-validate's recommended rules. */
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';

import { allPages } from '../helpers/dist';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Astro minifies the markup; whitespace and quoting style are not errors.
    'no-trailing-whitespace': 'off',
    'attr-quotes': 'off',
    'void-style': 'off',
    // Editors write titles; a long one is worth a warning in their tools, not a broken build.
    'long-title': 'warn',
  },
});

describe('html-validate', () => {
  it('finds no error in any page of the fixture build', async () => {
    const problems: string[] = [];
    for (const built of allPages()) {
      const report = await validator.validateString(built.html, built.urlPath);
      for (const result of report.results) {
        for (const message of result.messages) {
          if (message.severity === 2)
            problems.push(`${built.urlPath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
        }
      }
    }
    expect([...new Set(problems)].slice(0, 30)).toEqual([]);
    // About a thousand pages: a minute or more on a busy machine.
  }, 300_000);
});
