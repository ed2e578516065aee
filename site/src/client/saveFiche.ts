/** "Save this fiche": a toggle button (`aria-pressed`) that keeps the fiche on this device. */
import { toolsBlock } from './ficheTools';
import { addSaved, isSaved, removeSaved } from './savedFiches';

const tools = toolsBlock();
if (tools) {
  const button = tools.element<HTMLButtonElement>('[data-save]');
  const { path = '', title = '', titleLang = '' } = tools.root.dataset;
  let available = true;
  try {
    button.setAttribute('aria-pressed', String(isSaved(path)));
  } catch (error) {
    available = false;
    console.error('localStorage is not available', error);
  }
  if (available) {
    tools.reveal(button);
    button.addEventListener('click', () => {
      try {
        const saved = button.getAttribute('aria-pressed') === 'true';
        if (saved) removeSaved(path);
        else addSaved({ path, title, lang: titleLang });
        button.setAttribute('aria-pressed', String(!saved));
        tools.announce(tools.message(saved ? 'removed' : 'saved'));
      } catch (error) {
        console.error(error);
        tools.announce(tools.message('storage-blocked'));
      }
    });
  }
}
