/**
 * Turns the plain list of documents (src/components/DocumentChecklist.astro) into a checklist:
 * reveals each row's checkbox, ticked as the reader left it on this device. Where storage is
 * blocked nothing changes: the plain list stays, and nothing pretends to be kept.
 */
import { readTicks, setTick } from './documentTicks';

for (const list of document.querySelectorAll<HTMLElement>('[data-document-checklist]')) {
  let ticks: Set<string>;
  try {
    ticks = readTicks();
  } catch (error) {
    console.error('localStorage is not available', error);
    continue;
  }
  for (const box of list.querySelectorAll<HTMLInputElement>('input[data-document]')) {
    const key = box.dataset.document ?? '';
    box.checked = ticks.has(key);
    box.hidden = false;
    box.addEventListener('change', () => {
      try {
        setTick(key, box.checked);
      } catch (error) {
        console.error(error);
      }
    });
  }
  const hint = list.parentElement?.querySelector<HTMLElement>('[data-checklist-hint]');
  if (hint) hint.hidden = false;
}
