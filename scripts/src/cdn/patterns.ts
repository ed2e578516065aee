/** The path patterns of `_headers` and `_redirects`, as both hosts read them. */
const patternCache = new Map<string, RegExp>();

/** `*` is a splat (any characters, `:splat` in the destination); `:name` one path segment. */
export function patternToRegExp(pattern: string): RegExp {
  let regexp = patternCache.get(pattern);
  if (!regexp) {
    const source = pattern
      .split(/(\*|:[A-Za-z]\w*)/)
      .map((part) => {
        if (part === '*') return '(?<splat>.*)';
        if (/^:[A-Za-z]\w*$/.test(part)) return `(?<${part.slice(1)}>[^/]+)`;
        return part.replace(/[-/\\^$+?.()|[\]{}]/g, '\\$&');
      })
      .join('');
    regexp = new RegExp(`^${source}$`);
    patternCache.set(pattern, regexp);
  }
  return regexp;
}
