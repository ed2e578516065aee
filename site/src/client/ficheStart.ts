/**
 * Everything a fiche does with a script, in one module: its tools (save, share, read aloud) and its
 * documents' checklist. pageStart.ts imports it once, when the main thread is idle after `load`.
 *
 * One module rather than four dynamic imports: one request, one evaluation and one repaint for the
 * reveals. On a busy phone each task of the main thread after the first paint can be held back by
 * other work and count as blocking time (Lighthouse's TBT; each of these tasks takes 1–4 ms of CPU
 * but measured 10–60 ms on a loaded machine, README « Reader performance »): fewer tasks, fewer
 * chances. Each module below does nothing on a page without its elements.
 */
import './saveFiche';
import './shareLink';
import './readAloud';
import './documentChecklist';
