/**
 * A PostCSS plugin that keeps the design system from downloading its web fonts: `@font-face`
 * rules are removed and every family naming Marianne or Spectral becomes the site's system
 * font stack, chosen per script in site.css. Readers on slow, paid data get text at once.
 */
import type { Plugin } from 'postcss';

export const systemFontVariable = 'var(--passerelle-font)';

const webFonts = /\b(Marianne|Spectral)\b/i;

export function dropWebFonts(): Plugin {
  return {
    postcssPlugin: 'passerelle-drop-web-fonts',
    // `Once`, not visitors: Vite's own url() rewriting runs as a `Once` after the user plugins,
    // and would otherwise emit the font files before the rules naming them are gone.
    Once(root) {
      root.walkAtRules('font-face', (rule) => {
        rule.remove();
      });
      root.walkDecls(/^font(-family)?$/i, (decl) => {
        if (!webFonts.test(decl.value)) return;
        if (decl.prop.toLowerCase() === 'font')
          throw decl.error('The font shorthand names a web font; expand it so the family can be replaced');
        decl.value = systemFontVariable;
      });
    },
  };
}
dropWebFonts.postcss = true as const;
