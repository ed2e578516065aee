/**
 * What the fiche tools' scripts share: the tools block (src/components/FicheTools.astro), shown
 * as soon as one tool works, its translated messages, and its one status region.
 */

export type ToolsBlock = {
  root: HTMLElement;
  /** A translated message from the block's `data-message-*` attributes, placeholders filled. */
  message: (name: string, params?: Record<string, string>) => string;
  announce: (text: string) => void;
  /** Shows the block and one of its elements. */
  reveal: (element: HTMLElement) => void;
  element: <T extends HTMLElement = HTMLElement>(selector: string) => T;
};

export function toolsBlock(): ToolsBlock | undefined {
  const root = document.querySelector<HTMLElement>('[data-fiche-tools]');
  if (!root) return undefined;
  const element = <T extends HTMLElement = HTMLElement>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`Fiche tools: ${selector} is missing`);
    return found;
  };
  const status = element('[data-tools-status]');
  return {
    root,
    element,
    message: (name, params = {}) => {
      const key = `message${name.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}`;
      const template = root.dataset[key];
      if (template === undefined) throw new Error(`Fiche tools: no message ${name}`);
      return template.replace(/\{(\w+)\}/g, (placeholder, param: string) => params[param] ?? placeholder);
    },
    announce: (text) => {
      // Emptied first so the same message said twice is announced twice.
      status.textContent = '';
      requestAnimationFrame(() => (status.textContent = text));
    },
    reveal: (target) => {
      root.hidden = false;
      target.hidden = false;
    },
  };
}
