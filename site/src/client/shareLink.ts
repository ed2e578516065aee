/**
 * "Share": the system share sheet where the browser has one (phones), else the link is copied
 * to the clipboard and a status message says so; if even that fails, the message shows the link
 * to copy by hand. Always the page's canonical URL.
 */
import { toolsBlock } from './ficheTools';

const tools = toolsBlock();
if (tools) {
  const button = tools.element<HTMLButtonElement>('[data-share]');
  const { shareUrl = location.href, title = document.title } = tools.root.dataset;
  tools.reveal(button);
  button.addEventListener('click', async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url: shareUrl });
        return;
      } catch (error) {
        // The reader closed the share sheet: nothing to do.
        if (error instanceof DOMException && error.name === 'AbortError') return;
        console.error(error);
      }
    }
    try {
      await navigator.clipboard.writeText(shareUrl);
      tools.announce(tools.message('copied'));
    } catch (error) {
      console.error(error);
      tools.announce(tools.message('copy-failed', { url: shareUrl }));
    }
  });
}
