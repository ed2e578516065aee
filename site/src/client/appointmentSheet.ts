/**
 * Builds the appointment sheet (src/pages/[lang]/mes-fiches/rendez-vous.astro) from the démarches
 * saved on this device: for the chosen ones, the documents to bring merged without duplicates
 * (a shared document has one key on every fiche), with ticks kept like the fiche's checklist;
 * the key steps; the office and its contacts; a QR code to each fiche. Two columns, the reader's
 * language and French, each cell marked with its own language and direction. Everything comes
 * from `rendez-vous.json` files kept offline with the saved fiches: no account, nothing sent.
 */
import { readTicks, setTick } from './documentTicks';
import type { AppointmentFiche } from '../lib/appointment';
import { readSaved, type SavedFiche } from './savedFiches';

type Labels = { documents: string; steps: string; office: string; sometimes: string; qrCode: string };

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const root = document.querySelector<HTMLElement>('[data-appointment]');
if (root) {
  const { lang = 'fr', languageName = '', frenchName = 'Français', blockedMessage = '', unavailableMessage = '' } = root.dataset;
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Labels;
  const frenchLabels = JSON.parse(root.dataset.frenchLabels ?? '{}') as Labels;
  // The right-to-left languages, rendered by the server from the contract: no list of our own.
  const rtl = new Set(root.dataset.rtlLocales?.split(' '));
  const dirOf = (language: string) => (rtl.has(language) ? 'rtl' : 'ltr');
  /** A cell in its own language and direction. */
  const cell = (language: string, ...children: (Node | string)[]) =>
    element('td', { lang: language, dir: dirOf(language) }, ...children);
  const find = <T extends HTMLElement>(selector: string) => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`Appointment sheet: ${selector} is missing`);
    return found;
  };
  const empty = find('[data-appointment-empty]');
  const choice = find<HTMLFieldSetElement>('[data-appointment-choice]');
  const choices = find('[data-choices]');
  const actions = find('[data-appointment-actions]');
  const status = find('[data-appointment-status]');
  const sheet = find('[data-sheet]');
  const loaded = new Map<string, AppointmentFiche | null>();

  /** A row across both columns naming the part of the sheet in both languages. */
  const heading = (key: keyof Labels) =>
    element(
      'tr',
      { class: 'appointment-table__part' },
      element(
        'th',
        { scope: 'colgroup', colspan: '2' },
        element('span', {}, labels[key]),
        frenchLabels[key] !== labels[key] ? element('span', { lang: 'fr', dir: 'ltr' }, ` · ${frenchLabels[key]}`) : '',
      ),
    );

  const officeText = (fiche: AppointmentFiche, name: string) =>
    [name, fiche.office.name, fiche.office.address, fiche.office.phone, fiche.office.email].filter(Boolean).join('\n');

  async function load(saved: SavedFiche): Promise<AppointmentFiche | null> {
    if (loaded.has(saved.path)) return loaded.get(saved.path) ?? null;
    let data: AppointmentFiche | null = null;
    try {
      const response = await fetch(`${saved.path}rendez-vous.json`);
      if (response.ok) data = (await response.json()) as AppointmentFiche;
    } catch (error) {
      console.warn(`No appointment data for ${saved.path}`, error);
    }
    loaded.set(saved.path, data);
    return data;
  }

  async function render(demarches: SavedFiche[]) {
    const chosen = demarches.filter(
      (saved) => choices.querySelector<HTMLInputElement>(`input[value="${CSS.escape(saved.path)}"]`)?.checked,
    );
    const fiches: AppointmentFiche[] = [];
    const missing: string[] = [];
    for (const saved of chosen) {
      const data = await load(saved);
      if (data) fiches.push(data);
      else missing.push(saved.title);
    }
    const ticks = readTicks();
    const table = element('table', { class: 'appointment-table' });
    table.append(
      element(
        'thead',
        {},
        element(
          'tr',
          {},
          element('th', { scope: 'col', lang, dir: dirOf(lang) }, languageName),
          element('th', { scope: 'col', lang: 'fr', dir: 'ltr' }, frenchName),
        ),
      ),
    );
    const body = element('tbody');
    for (const fiche of fiches) {
      const qr = element('img', {
        class: 'appointment-table__qr',
        src: fiche.qrCode,
        alt: labels.qrCode.replace('{title}', fiche.title.text),
        width: '72',
        height: '72',
      });
      body.append(
        element(
          'tr',
          { class: 'appointment-table__fiche' },
          cell(fiche.title.lang, qr, element('strong', {}, fiche.title.text)),
          cell('fr', element('strong', {}, fiche.frenchTitle)),
        ),
      );
      body.append(
        element(
          'tr',
          {},
          cell(
            fiche.administration?.lang ?? lang,
            element('span', { class: 'appointment-table__office' }, officeText(fiche, fiche.administration?.text ?? '')),
          ),
          cell(
            'fr',
            element('span', { class: 'appointment-table__office' }, officeText(fiche, fiche.administration?.french ?? '')),
          ),
        ),
      );
      if (fiche.steps.length > 0) {
        body.append(
          element(
            'tr',
            {},
            cell(
              lang,
              element(
                'ol',
                {},
                ...fiche.steps.map((step) =>
                  element('li', step.lang === lang ? {} : { lang: step.lang, dir: dirOf(step.lang) }, step.text),
                ),
              ),
            ),
            cell('fr', element('ol', {}, ...fiche.steps.map((step) => element('li', {}, step.french)))),
          ),
        );
      }
    }
    // Documents merged across démarches: the first occurrence's wording, once.
    const documents = new Map<string, AppointmentFiche['documents'][number]>();
    for (const fiche of fiches)
      for (const document of fiche.documents) if (!documents.has(document.key)) documents.set(document.key, document);
    if (documents.size > 0) {
      body.append(heading('documents'));
      for (const document of documents.values()) {
        const id = `appointment-${document.key.replace(/[^\w-]/g, '-')}`;
        const box = element('input', { type: 'checkbox', id });
        box.checked = ticks.has(document.key);
        box.addEventListener('change', () => {
          try {
            setTick(document.key, box.checked);
          } catch (error) {
            console.error(error);
          }
        });
        const sometimes = (text: string, language: string) =>
          document.required ? '' : element('span', { class: 'appointment-table__need', lang: language }, ` (${text})`);
        const note = (text: string | undefined, language: string) =>
          text
            ? element('span', language === document.name.lang ? {} : { lang: language, dir: dirOf(language) }, ` — ${text}`)
            : '';
        body.append(
          element(
            'tr',
            { class: 'appointment-table__document' },
            cell(
              document.name.lang,
              element(
                'label',
                { for: id, class: 'appointment-table__tick' },
                box,
                element('span', {}, document.name.text),
                sometimes(labels.sometimes, lang),
                note(document.note?.text, document.note?.lang ?? 'fr'),
              ),
            ),
            cell(
              'fr',
              document.french,
              sometimes(frenchLabels.sometimes, 'fr'),
              document.frenchNote ? ` — ${document.frenchNote}` : '',
            ),
          ),
        );
      }
    }
    table.append(body);
    sheet.replaceChildren(...(fiches.length > 0 ? [table] : []));
    status.textContent = missing.map((title) => unavailableMessage.replace('{title}', title)).join(' ');
  }

  try {
    const demarches = readSaved().filter((saved) => saved.path.includes('/demarches/'));
    empty.hidden = demarches.length > 0;
    choice.hidden = demarches.length === 0;
    actions.hidden = demarches.length === 0;
    for (const saved of demarches) {
      const box = element('input', { type: 'checkbox', value: saved.path, id: `choice-${saved.path.replace(/[^\w-]/g, '-')}` });
      box.checked = true;
      box.addEventListener('change', () => void render(demarches));
      choices.append(
        element(
          'div',
          { class: 'appointment__option' },
          box,
          ' ',
          element('label', { for: box.id, lang: saved.lang, dir: dirOf(saved.lang) }, saved.title),
        ),
      );
    }
    find('[data-print]').addEventListener('click', () => window.print());
    void render(demarches);
  } catch (error) {
    console.error(error);
    empty.textContent = blockedMessage;
    empty.hidden = false;
  }
  root.hidden = false;
}
