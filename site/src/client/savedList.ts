/**
 * The "my fiches" page (src/pages/[lang]/mes-fiches.astro): the fiches saved on this device, each
 * a link (its title in its own language) and a Remove button whose label names the fiche. After a
 * removal, focus moves to the next Remove button, or to the page title when the list is empty.
 */
import { readSaved, removeSaved, type SavedFiche } from './savedFiches';

const root = document.querySelector<HTMLElement>('[data-saved-list]');
if (root) {
  const list = root.querySelector<HTMLUListElement>('ul');
  const empty = root.querySelector<HTMLElement>('[data-saved-empty]');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  const heading = document.querySelector<HTMLElement>('h1');
  const { removeText = '', removeLabel = '', removedMessage = '', blockedMessage = '' } = root.dataset;
  if (!list || !empty || !status || !heading)
    throw new Error('The saved fiches page lacks its list, empty note, status or title');
  // The right-to-left languages, rendered by the server from the contract: no list of our own.
  const rtl = new Set(root.dataset.rtlLocales?.split(' '));

  const item = (fiche: SavedFiche) => {
    const entry = document.createElement('li');
    const link = document.createElement('a');
    link.href = fiche.path;
    link.lang = fiche.lang;
    link.dir = rtl.has(fiche.lang) ? 'rtl' : 'ltr';
    link.textContent = fiche.title;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'fr-btn fr-btn--tertiary fr-btn--sm';
    remove.textContent = removeText;
    remove.setAttribute('aria-label', removeLabel.replace('{title}', fiche.title));
    remove.addEventListener('click', () => {
      const next = entry.nextElementSibling ?? entry.previousElementSibling;
      removeSaved(fiche.path);
      render();
      status.textContent = removedMessage;
      const nextPath = next?.querySelector('a')?.getAttribute('href');
      const nextButton = [...list.querySelectorAll('li')]
        .find((li) => li.querySelector('a')?.getAttribute('href') === nextPath)
        ?.querySelector('button');
      (nextButton ?? heading).focus();
    });
    entry.append(link, ' ', remove);
    return entry;
  };

  const render = () => {
    const fiches = readSaved();
    list.replaceChildren(...fiches.map(item));
    list.hidden = fiches.length === 0;
    empty.hidden = fiches.length > 0;
  };

  try {
    render();
  } catch (error) {
    console.error(error);
    empty.textContent = blockedMessage;
    empty.hidden = false;
  }
  root.hidden = false;
}
