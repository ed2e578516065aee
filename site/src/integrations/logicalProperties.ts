/**
 * A PostCSS plugin that rewrites physical CSS (left/right) into logical properties
 * (inline-start/inline-end), so the design system, written for left-to-right pages only, mirrors
 * itself on Arabic, Pashto and Persian pages without a second stylesheet.
 */
import type { Declaration, Plugin } from 'postcss';

const sides = { left: 'inline-start', right: 'inline-end' } as const;

const renamedProperties: Record<string, string> = {
  left: 'inset-inline-start',
  right: 'inset-inline-end',
  'border-top-left-radius': 'border-start-start-radius',
  'border-top-right-radius': 'border-start-end-radius',
  'border-bottom-left-radius': 'border-end-start-radius',
  'border-bottom-right-radius': 'border-end-end-radius',
};
for (const box of ['margin', 'padding', 'scroll-margin', 'scroll-padding']) {
  for (const [side, logical] of Object.entries(sides)) renamedProperties[`${box}-${side}`] = `${box}-${logical}`;
}
for (const [side, logical] of Object.entries(sides)) {
  renamedProperties[`border-${side}`] = `border-${logical}`;
  for (const part of ['width', 'style', 'color']) renamedProperties[`border-${side}-${part}`] = `border-${logical}-${part}`;
}

const directionalValues: Record<string, Record<string, string>> = {
  'text-align': { left: 'start', right: 'end' },
  float: { left: 'inline-start', right: 'inline-end' },
  clear: { left: 'inline-start', right: 'inline-end' },
};

/** Shorthands whose four values are top, right, bottom, left, and their logical halves. */
const boxShorthands: Record<string, [block: string, inline: string]> = {
  margin: ['margin-block', 'margin-inline'],
  padding: ['padding-block', 'padding-inline'],
  inset: ['inset-block', 'inset-inline'],
  'border-width': ['border-block-width', 'border-inline-width'],
  'border-style': ['border-block-style', 'border-inline-style'],
  'border-color': ['border-block-color', 'border-inline-color'],
};

/** Splits a value on top-level spaces, keeping `calc(1rem + 2px)` whole. */
export function splitValue(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value.trim()) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (/\s/.test(char) && depth === 0) {
      if (current) parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) parts.push(current);
  return parts;
}

function rewriteShorthand(decl: Declaration, [blockProperty, inlineProperty]: [string, string]): void {
  const values = splitValue(decl.value);
  if (values.length !== 4) return; // 1 to 3 values are symmetric between left and right
  const [top, right, bottom, left] = values;
  if (right === left) return;
  decl.cloneBefore({ prop: blockProperty, value: top === bottom ? `${top}` : `${top} ${bottom}` });
  decl.cloneBefore({ prop: inlineProperty, value: `${left} ${right}` });
  decl.remove();
}

function rewriteRadius(decl: Declaration): void {
  if (decl.value.includes('/')) return;
  const values = splitValue(decl.value);
  if (values.length < 2) return;
  const [topLeft = '0', topRight = topLeft, bottomRight = topLeft, bottomLeft = topRight] = values;
  if (topLeft === topRight && bottomRight === bottomLeft) return;
  const corners: [string, string][] = [
    ['border-start-start-radius', topLeft],
    ['border-start-end-radius', topRight],
    ['border-end-end-radius', bottomRight],
    ['border-end-start-radius', bottomLeft],
  ];
  for (const [prop, value] of corners) decl.cloneBefore({ prop, value });
  decl.remove();
}

export function logicalProperties(): Plugin {
  return {
    postcssPlugin: 'passerelle-logical-properties',
    Declaration(decl) {
      const property = decl.prop.toLowerCase();
      const renamed = renamedProperties[property];
      if (renamed) {
        decl.prop = renamed;
        return;
      }
      const values = directionalValues[property];
      const value = values?.[decl.value.trim().toLowerCase()];
      if (value) {
        decl.value = value;
        return;
      }
      const shorthand = boxShorthands[property];
      if (shorthand) rewriteShorthand(decl, shorthand);
      else if (property === 'border-radius') rewriteRadius(decl);
    },
  };
}
logicalProperties.postcss = true as const;
