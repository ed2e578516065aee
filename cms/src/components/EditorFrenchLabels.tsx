'use client';
/**
 * The rich-text editor (@payloadcms/richtext-lexical 3.90.2) writes four button names in English
 * without going through Payload's i18n, so `i18n.translations` cannot reach them: the block
 * handles' « Drag to move » and « Add block » and the link popup's « Edit link » and « Remove
 * link ». Screen-reader users hear these names. This provider renames them in the admin's
 * language as the editor draws them; any other string is left alone. To drop when the editor
 * translates them itself.
 */
import { useTranslation } from '@payloadcms/ui';
import type React from 'react';
import { useEffect } from 'react';

/** The editor's English names, and ours, by admin language (English keeps the editor's own). */
export const editorLabels: Record<string, Record<string, string>> = {
  fr: {
    'Drag to move': 'Glisser pour déplacer le bloc',
    'Add block': 'Ajouter un bloc',
    'Edit link': 'Modifier le lien',
    'Remove link': 'Retirer le lien',
  },
};

function rename(root: ParentNode, labels: Record<string, string>): void {
  for (const button of root.querySelectorAll<HTMLElement>('button[aria-label]')) {
    const label = labels[button.getAttribute('aria-label') ?? ''];
    if (label) button.setAttribute('aria-label', label);
  }
}

export function EditorFrenchLabels({ children }: { children?: React.ReactNode }): React.ReactNode {
  const { i18n } = useTranslation();
  const labels = editorLabels[i18n.language];
  useEffect(() => {
    if (!labels) return;
    rename(document, labels);
    // The handles and the link popup are portals drawn when the pointer or the caret reaches a
    // block or a link; React may also set the English name back when it redraws them.
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const target = mutation.target;
        if (mutation.type === 'attributes' && target instanceof HTMLElement && target.matches('button[aria-label]'))
          rename(target.parentElement ?? document, labels);
        for (const node of mutation.addedNodes)
          if (node instanceof HTMLElement)
            rename(node.matches('button[aria-label]') ? (node.parentElement ?? node) : node, labels);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, [labels]);
  return children;
}
