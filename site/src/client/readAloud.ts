/**
 * Read aloud with the browser's speech synthesis, part by part: the fiche's title and summary,
 * its practical information, then each section. The current part is marked (`aria-current`) and
 * opened; Pause is a toggle (`aria-pressed`); Previous and Next move between parts. Each block is
 * spoken in its own language (`lang` of its nearest ancestor), so a unit still in French on a
 * translated page, or a whole French fallback, is read with a French voice.
 *
 * Nothing of this runs while the page loads: listing the voices is slow on some phones, and a note
 * appearing once they are listed would move the page under the reader's eyes. The Listen button
 * is shown wherever the browser has speech synthesis; the first press looks up the voices
 * (waiting a moment for those that arrive late, `voiceschanged`) and splits the page into parts.
 * When the device has no voice for the fiche's language, the button gives way to a note saying
 * so, announced, and the focus goes to the tools' first button.
 */
import { toolsBlock } from './ficheTools';

type Chunk = { text: string; lang: string };
type Part = { element: HTMLElement; name: string; chunks: Chunk[] };

const blocks = 'h1, h2, h3, h4, p, li, dt, dd';
const partSelector = '.fiche-intro, [aria-labelledby="infocards-title"], details.fiche-section';

const languageOf = (element: Element) =>
  (element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang).toLowerCase();
const baseLanguage = (tag: string) => tag.toLowerCase().replace('_', '-').split('-')[0] ?? '';
const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The outermost text blocks of a part, in reading order: a list item is read once, with its paragraphs. */
function chunksOf(part: HTMLElement): Chunk[] {
  const found = [...part.querySelectorAll<HTMLElement>(blocks)];
  return found
    .filter((element) => !found.some((other) => other !== element && other.contains(element)))
    .map((element) => ({ text: clean(element.textContent), lang: languageOf(element) }))
    .filter((chunk) => chunk.text !== '');
}

function partsOf(article: HTMLElement): Part[] {
  return [...article.querySelectorAll<HTMLElement>(partSelector)].map((element) => ({
    element,
    name: clean(element.querySelector('h1, h2')?.textContent ?? ''),
    chunks: chunksOf(element),
  }));
}

const tools = toolsBlock();
const article = document.querySelector<HTMLElement>('article.fiche');
const synthesis = 'speechSynthesis' in window ? window.speechSynthesis : undefined;

if (tools && article) {
  const start = tools.element<HTMLButtonElement>('[data-read-start]');
  const controls = tools.element('[data-read-controls]');
  const pause = tools.element<HTMLButtonElement>('[data-read-pause]');
  const unavailable = tools.element('[data-read-unavailable]');
  const contentLanguage = languageOf(article.querySelector('.fiche-intro') ?? article);
  /** The parts to read, found on first use. */
  let found: Part[] | undefined;
  const parts = () => (found ??= partsOf(article));
  let voices: SpeechSynthesisVoice[] = [];
  let partIndex = 0;
  let chunkIndex = 0;
  /** Bumped on every jump: the end of an utterance cancelled by a jump must not move on. */
  let generation = 0;

  const voiceFor = (lang: string) => {
    const matching = voices.filter((voice) => baseLanguage(voice.lang) === baseLanguage(lang));
    return matching.find((voice) => voice.localService) ?? matching[0];
  };

  /** Whether the device can read the fiche; voices that arrive late are waited for, a little. */
  const canRead = async (): Promise<boolean> => {
    voices = synthesis?.getVoices() ?? [];
    if (!synthesis || voiceFor(contentLanguage) || voices.length > 0) return voiceFor(contentLanguage) !== undefined;
    await new Promise<void>((resolve) => {
      const done = () => {
        synthesis.removeEventListener('voiceschanged', done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, 1500);
      synthesis.addEventListener('voiceschanged', done);
    });
    voices = synthesis.getVoices();
    return voiceFor(contentLanguage) !== undefined;
  };

  const sayUnavailable = () => {
    start.hidden = true;
    tools.reveal(unavailable);
    tools.announce(unavailable.textContent ?? '');
    tools.root.querySelector<HTMLButtonElement>('button:not([hidden])')?.focus();
  };

  const markCurrent = (current: Part | undefined) => {
    for (const part of parts()) part.element.removeAttribute('aria-current');
    if (!current) return;
    current.element.setAttribute('aria-current', 'true');
    if (current.element instanceof HTMLDetailsElement) current.element.open = true;
    current.element.scrollIntoView({ block: 'nearest' });
  };

  const speakNext = (token: number) => {
    if (!synthesis || token !== generation) return;
    const part = parts()[partIndex];
    if (!part) {
      stop();
      tools.announce(tools.message('finished'));
      return;
    }
    const chunk = part.chunks[chunkIndex];
    if (!chunk) {
      partIndex += 1;
      chunkIndex = 0;
      if (parts()[partIndex]) {
        markCurrent(parts()[partIndex]);
        tools.announce(tools.message('reading', { section: parts()[partIndex]?.name ?? '' }));
      }
      speakNext(token);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(chunk.text);
    utterance.lang = chunk.lang;
    const voice = voiceFor(chunk.lang);
    if (voice) utterance.voice = voice;
    utterance.onend = () => {
      if (token !== generation) return;
      chunkIndex += 1;
      speakNext(token);
    };
    utterance.onerror = (event) => {
      if (token !== generation || event.error === 'interrupted' || event.error === 'canceled') return;
      console.error(`Speech synthesis failed (${event.error}) on: ${chunk.text.slice(0, 60)}`);
      chunkIndex += 1;
      speakNext(token);
    };
    synthesis.speak(utterance);
  };

  const goTo = (index: number) => {
    if (!synthesis) return;
    generation += 1;
    synthesis.cancel();
    partIndex = Math.min(Math.max(index, 0), parts().length - 1);
    chunkIndex = 0;
    pause.setAttribute('aria-pressed', 'false');
    markCurrent(parts()[partIndex]);
    tools.announce(tools.message('reading', { section: parts()[partIndex]?.name ?? '' }));
    speakNext(generation);
  };

  const stop = () => {
    const hadFocus = controls.contains(document.activeElement);
    generation += 1;
    synthesis?.cancel();
    markCurrent(undefined);
    controls.hidden = true;
    pause.setAttribute('aria-pressed', 'false');
    tools.reveal(start);
    if (hadFocus) start.focus();
  };

  start.addEventListener('click', async () => {
    if (!(await canRead())) {
      sayUnavailable();
      return;
    }
    start.hidden = true;
    tools.reveal(controls);
    pause.focus();
    goTo(0);
  });
  pause.addEventListener('click', () => {
    const paused = pause.getAttribute('aria-pressed') === 'true';
    if (paused) synthesis?.resume();
    else synthesis?.pause();
    pause.setAttribute('aria-pressed', String(!paused));
  });
  tools.element('[data-read-previous]').addEventListener('click', () => goTo(partIndex - 1));
  tools.element('[data-read-next]').addEventListener('click', () => goTo(partIndex + 1));
  tools.element('[data-read-stop]').addEventListener('click', () => stop());
  // Speech would otherwise go on over the next page on some browsers.
  addEventListener('pagehide', () => synthesis?.cancel());

  if (synthesis) tools.reveal(start);
  else tools.reveal(unavailable);
}
