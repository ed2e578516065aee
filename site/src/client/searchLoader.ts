/**
 * Imported by the page's one script (pageStart.ts) as soon as it runs, on the search page only:
 * it loads the search code when the reader turns to the search form (focus on any of its fields),
 * or at once when the URL already holds a search (a shared link, or coming back from a result).
 * A search submitted while the code is on its way is kept and run when it arrives, instead of
 * reloading the page.
 */
export function watchSearchForm(form: HTMLFormElement): void {
  let started = false;
  let submitted = false;
  let loading: Promise<void> | undefined;

  const load = () => {
    loading ??= import('./searchApp')
      .then(({ startSearch }) => {
        started = true;
        return startSearch(form, { submitted });
      })
      .catch((error: unknown) => {
        console.error('Search could not start', error);
        const status = document.querySelector<HTMLElement>('[data-search-status]');
        if (status) status.textContent = status.dataset['errorMessage'] ?? '';
      });
    return loading;
  };

  form.addEventListener('submit', (event) => {
    if (started) return;
    event.preventDefault();
    submitted = true;
    void load();
  });
  // The reader may already be in the form, typing, when this module arrives.
  if (urlHoldsSearch(form) || form.contains(document.activeElement)) void load();
  else form.addEventListener('focusin', () => void load(), { once: true });
}

/** True when a URL parameter with a value names one of the form's fields. */
function urlHoldsSearch(form: HTMLFormElement): boolean {
  return [...new URLSearchParams(location.search)].some(
    ([name, value]) => value.trim() !== '' && form.elements.namedItem(name) !== null,
  );
}
