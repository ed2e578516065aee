/**
 * The load bench's users (load.ts): each one an editor or a translator going from screen to
 * screen of the admin (loadRequests.ts), with the time a person spends on a screen in between.
 *
 * Think time: exponential, mean `thinkSeconds` (7 s by default), cut at ten times the mean — the
 * user model of TPC-W (clause 5.3.1.1: think times drawn as −ln(r) × 7 s, at most 70 s), the
 * standard closed-loop model of people at a web application: most pauses are short (a glance at a
 * list, a click), a few long (reading a fiche). It is short for our users: an editor reads a
 * fiche of several screens and a translator a side-by-side view for far longer than 7 s, so the
 * bench asks more of the CMS than 50 real people would. While an editor types, Payload's
 * autosave sends the form at most once per interval (`versions.drafts.autosave.interval`, 2 s on
 * fiches): one autosave every 2 s plus a pause drawn the same way with a mean of 3 s (a phrase
 * typed, then a look at it), 1 to 4 autosaves per edit.
 *
 * An editor: the fiche list (page 1, now and then a later page) → a fiche's edit view → half of
 * the time, types in the summary (autosaves) → back to the list. A translator: the translations
 * list in their language → a side-by-side view → half of the time, saves a proposal → back.
 * With `thinkSeconds` 0 every pause is 0: users click without stopping (the saturation run).
 */
import {
  ficheAutosave,
  ficheEditScreen,
  ficheListScreen,
  translationListScreen,
  translationSave,
  translationScreen,
  type Send,
} from './loadRequests';

export type Random = () => number;

/** An exponential delay of this mean (ms), cut at ten times the mean (TPC-W's 70 s for 7 s). */
export function thinkDelay(meanMs: number, random: Random = Math.random): number {
  if (meanMs <= 0) return 0;
  // 1 - r is in (0, 1]: never log(0).
  return Math.min(10 * meanMs, -Math.log(1 - random()) * meanMs);
}

/** Payload's autosave interval on fiches (Fiches `versions.drafts.autosave.interval`). */
export const autosaveIntervalMs = 2_000;

export type SessionOptions = {
  send: Send;
  /** Mean think time between screens (ms); 0: no pause at all. */
  thinkMs: number;
  /** Resolves when the user must stop: no new screen after it. */
  until: () => boolean;
  sleep: (ms: number) => Promise<void>;
  random?: Random;
  /** Fiches an editor may open and type in (never one being published: its marker must stay). */
  fiches: { id: string }[];
  /** The translations of the translator's language. */
  translations: { id: string }[];
  language: string;
  /** Fiche list pages that exist (page 1 is the one the list opens on). */
  fichePages: number;
};

/** One screen's worth of waiting, as its user lives it: the screen's requests, one after the other. */
export type ScreenKind =
  | 'fiche list'
  | 'fiche edit'
  | 'typing (autosaves)'
  | 'translation list'
  | 'side by side'
  | 'translation save';
export type ScreenTimer = (screen: ScreenKind, run: () => Promise<unknown>) => Promise<unknown>;

/** A session's dice: its random source, a pick among items, and a pause of exponential length (none when think time is 0). */
function sessionTools(options: SessionOptions) {
  const random = options.random ?? Math.random;
  return {
    random,
    pick: <T>(items: T[]) => items[Math.floor(random() * items.length)] as T,
    pause: (mean: number) => options.sleep(options.thinkMs > 0 ? thinkDelay(mean, random) : 0),
  };
}

export async function editorSession(options: SessionOptions, screen: ScreenTimer): Promise<void> {
  const { random, pick, pause } = sessionTools(options);
  let round = 0;
  while (!options.until()) {
    round += 1;
    // The list opens on page 1; one visit in five goes further (the pager, a filter's later page).
    const page = random() < 0.8 ? 1 : 2 + Math.floor(random() * Math.max(1, Math.min(49, options.fichePages - 1)));
    await screen('fiche list', () => ficheListScreen(options.send, Math.min(page, options.fichePages)));
    await pause(options.thinkMs);
    if (options.until()) break;
    const form = (await screen('fiche edit', () => ficheEditScreen(options.send, pick(options.fiches).id))) as Awaited<
      ReturnType<typeof ficheEditScreen>
    >;
    await pause(options.thinkMs);
    if (random() < 0.5) {
      const saves = 1 + Math.floor(random() * 4);
      for (let save = 1; save <= saves && !options.until(); save += 1) {
        await options.sleep(options.thinkMs > 0 ? autosaveIntervalMs + thinkDelay(3_000, random) : 0);
        await screen('typing (autosaves)', () =>
          ficheAutosave(
            options.send,
            form,
            `Résumé relu (${round}.${save}) : les étapes restent les mêmes, les délais et les pièces à fournir sont précisés.`,
          ),
        );
      }
      await pause(options.thinkMs);
    }
  }
}

export async function translatorSession(options: SessionOptions, screen: ScreenTimer): Promise<void> {
  const { random, pick, pause } = sessionTools(options);
  let round = 0;
  while (!options.until()) {
    round += 1;
    await screen('translation list', () => translationListScreen(options.send, options.language));
    await pause(options.thinkMs);
    if (options.until()) break;
    const translation = (await screen('side by side', () =>
      translationScreen(options.send, pick(options.translations).id),
    )) as Awaited<ReturnType<typeof translationScreen>>;
    await pause(options.thinkMs);
    if (random() < 0.5 && !options.until()) {
      await screen('translation save', () =>
        translationSave(options.send, translation, `ملخص مراجَع (${round}) : الخطوات كما هي، والمواعيد موضحة.`),
      );
      await pause(options.thinkMs);
    }
  }
}
