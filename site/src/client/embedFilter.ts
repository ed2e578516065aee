/**
 * The embed page's only script: with `?departement=31` in its address, it hides the fiches run
 * only in other départements (national and online fiches always stay) and says how many are
 * left. Without the parameter, or without JavaScript, the whole list shows.
 */
import { departementParameterPattern } from '../lib/embed';

/** `2a` and ` 31 ` are what people type in a URL; the pages write `2A` and `31`. */
export function normalizeDepartement(value: string | null): string | undefined {
  const code = value?.trim().toUpperCase();
  return code && departementParameterPattern.test(code) ? code : undefined;
}

/** National and online fiches serve every département; local ones only those they list. */
export function servesDepartement(
  item: { scope?: string | undefined; departements?: string | undefined },
  code: string,
): boolean {
  if (item.scope !== 'departements') return true;
  return (item.departements ?? '').split(' ').includes(code);
}

export function filterEmbedList(): void {
  const code = normalizeDepartement(new URLSearchParams(window.location.search).get('departement'));
  const list = document.querySelector<HTMLElement>('[data-embed-list]');
  if (!code || !list) return;
  let shown = 0;
  for (const item of list.querySelectorAll<HTMLElement>('li[data-scope]')) {
    const serves = servesDepartement(item.dataset, code);
    item.hidden = !serves;
    if (serves) shown += 1;
  }
  const empty = document.querySelector<HTMLElement>('[data-embed-empty]');
  if (empty) empty.hidden = shown > 0;
  const status = document.querySelector<HTMLElement>('[data-embed-status]');
  const message = status?.dataset['filteredMessage'];
  if (status && message) status.textContent = message.replace('{departement}', code).replace('{count}', String(shown));
}
