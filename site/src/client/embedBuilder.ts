/**
 * The embed builder: each change of language, theme or département rewrites the snippet and
 * reloads the preview; the copy button copies the snippet and confirms (or says it failed) in
 * its `role="status"` line. The page starts with the snippet of its default choices, so without
 * JavaScript the code is still there to select by hand.
 */
import { embedSnippet, embedUrl, type EmbedChoice } from '../lib/embedSnippet';
import type { Locale } from '@passerelle/content-schemas';

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`Embed builder: ${selector} is missing`);
  return element;
}

export function startEmbedBuilder(): void {
  // Not a form: nothing is submitted, the fields only rewrite the snippet.
  const builder = document.querySelector<HTMLElement>('[data-embed-builder]');
  if (!builder) return;
  const language = required<HTMLSelectElement>(builder, '[data-embed-language]');
  const theme = required<HTMLSelectElement>(builder, '[data-embed-theme]');
  const departement = required<HTMLSelectElement>(builder, '[data-embed-departement]');
  const snippet = required<HTMLTextAreaElement>(builder, '[data-embed-snippet]');
  const copy = required<HTMLButtonElement>(builder, '[data-embed-copy]');
  const status = required<HTMLElement>(builder, '[data-embed-copy-status]');
  const preview = document.querySelector<HTMLIFrameElement>('[data-embed-preview]');
  const siteUrl = builder.dataset['siteUrl'] ?? window.location.origin;

  const choice = (): EmbedChoice => {
    const option = language.selectedOptions[0];
    return {
      siteUrl,
      locale: language.value as Locale,
      theme: theme.value || undefined,
      departement: departement.value || undefined,
      title: option?.dataset['iframeTitle'] ?? '',
    };
  };

  const update = () => {
    const current = choice();
    snippet.value = embedSnippet(current);
    status.textContent = '';
    if (preview) {
      // The preview is on this site, whatever address the snippet gives (a staging build, a CDN).
      const url = new URL(embedUrl(current));
      preview.src = `${url.pathname}${url.search}`;
      preview.title = current.title;
    }
  };

  builder.addEventListener('change', update);
  copy.hidden = false;
  copy.addEventListener('click', () => {
    const done = () => {
      status.textContent = copy.dataset['copiedMessage'] ?? '';
    };
    const failed = () => {
      snippet.select();
      status.textContent = copy.dataset['failedMessage'] ?? '';
    };
    if (navigator.clipboard) navigator.clipboard.writeText(snippet.value).then(done, failed);
    else failed();
  });
  update();
}
