'use client';
/**
 * « Échange XLIFF avec une agence » in a disclosure (<details>, keyboard and screen readers as
 * is). Export: a language and a scope (everything left to translate, or chosen fiches), then the
 * file downloads. Import: the agency's file; the per-unit report is shown as a table. Outcomes
 * are announced in live regions; native controls only.
 */
import { useState } from 'react';

type Language = { code: string; label: string };
type ReportRow = {
  id: string;
  fiche: string;
  ficheTitle: string;
  unitLabel: string;
  outcome: 'imported' | 'unchanged' | 'frenchChanged' | 'invalid';
  message: string;
};

const outcomeLabels: Record<ReportRow['outcome'], string> = {
  imported: 'Importé (proposition)',
  unchanged: 'Ignoré : inchangé',
  frenchChanged: 'Refusé : le français a changé',
  invalid: 'Refusé : balisage invalide',
};

const cell = {
  padding: '0.25rem 0.5rem',
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
  textAlign: 'start' as const,
  verticalAlign: 'top' as const,
};

export function XliffExchangeForm({ languages }: { languages: Language[] }) {
  const [language, setLanguage] = useState(languages[0]?.code ?? '');
  const [scope, setScope] = useState<'toTranslate' | 'fiches'>('toTranslate');
  const [fiches, setFiches] = useState('');
  const [exportMessage, setExportMessage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [importMessage, setImportMessage] = useState('');
  const [rows, setRows] = useState<ReportRow[]>([]);
  const [busy, setBusy] = useState(false);

  const download = async (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = fiches.split(/[\s,]+/).filter(Boolean);
    if (scope === 'fiches' && chosen.length === 0) {
      setExportMessage('Indiquez au moins une fiche (identifiant, slug ou identifiant court), une par ligne.');
      return;
    }
    setBusy(true);
    setExportMessage('Préparation du fichier…');
    try {
      const query = new URLSearchParams({ language, ...(scope === 'fiches' ? { fiches: chosen.join(',') } : {}) });
      const response = await fetch(`/api/translations/xliff-export?${query}`, { credentials: 'include' });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        setExportMessage(body.message ?? `L’export a échoué (erreur ${response.status}).`);
      } else {
        const name =
          /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `passerelle-${language}.xlf`;
        const url = URL.createObjectURL(await response.blob());
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.click();
        URL.revokeObjectURL(url);
        setExportMessage(
          `Fichier ${name} téléchargé : ${response.headers.get('x-passerelle-units') ?? '?'} élément(s) de ${response.headers.get('x-passerelle-fiches') ?? '?'} fiche(s).`,
        );
      }
    } catch {
      setExportMessage('Le serveur ne répond pas : réessayez.');
    }
    setBusy(false);
  };

  const upload = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) {
      setImportMessage('Choisissez le fichier XLIFF rendu par l’agence.');
      return;
    }
    setBusy(true);
    setRows([]);
    setImportMessage('Import en cours…');
    try {
      const response = await fetch('/api/translations/xliff-import', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ xliff: await file.text() }),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: string; rows?: ReportRow[] };
      setImportMessage(body.message ?? `L’import a échoué (erreur ${response.status}). Rien n’a été importé.`);
      setRows(response.ok ? (body.rows ?? []) : []);
    } catch {
      setImportMessage('Le serveur ne répond pas : vérifiez plus tard dans la liste si l’import a eu lieu.');
    }
    setBusy(false);
  };

  return (
    <details style={{ marginBlockEnd: '1.5rem' }}>
      <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Échange XLIFF avec une agence de traduction</summary>
      <form onSubmit={download} style={{ marginBlock: '1rem' }}>
        <h2 style={{ fontSize: '1.1rem' }}>Exporter les éléments à traduire</h2>
        <p>
          <label htmlFor="xliff-language">Langue cible </label>
          <select id="xliff-language" value={language} onChange={(event) => setLanguage(event.target.value)}>
            {languages.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label} ({option.code})
              </option>
            ))}
          </select>
        </p>
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend>Éléments exportés</legend>
          <label style={{ display: 'block' }}>
            <input
              type="radio"
              name="xliff-scope"
              value="toTranslate"
              checked={scope === 'toTranslate'}
              onChange={() => setScope('toTranslate')}
            />{' '}
            Tout ce qui reste à traduire (éléments jamais traduits et traductions à mettre à jour)
          </label>
          <label style={{ display: 'block' }}>
            <input
              type="radio"
              name="xliff-scope"
              value="fiches"
              checked={scope === 'fiches'}
              onChange={() => setScope('fiches')}
            />{' '}
            Tous les éléments des fiches choisies
          </label>
        </fieldset>
        {scope === 'fiches' && (
          <p>
            <label htmlFor="xliff-fiches" style={{ display: 'block' }}>
              Fiches (identifiant, slug ou identifiant court, une par ligne)
            </label>
            <textarea id="xliff-fiches" rows={4} cols={50} value={fiches} onChange={(event) => setFiches(event.target.value)} />
          </p>
        )}
        <button type="submit" className="btn btn--style-secondary btn--size-small" disabled={busy}>
          Exporter le fichier XLIFF 1.2
        </button>
        <p role="status">{exportMessage}</p>
      </form>
      <form onSubmit={upload}>
        <h2 style={{ fontSize: '1.1rem' }}>Importer le fichier de l’agence</h2>
        <p>
          Les traductions importées deviennent des propositions « À relire » : seul un traducteur expert les valide. La langue est
          lue dans le fichier.
        </p>
        <p>
          <label htmlFor="xliff-file">Fichier XLIFF (.xlf) </label>
          <input
            id="xliff-file"
            type="file"
            accept=".xlf,.xliff,.xml"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </p>
        <button type="submit" className="btn btn--style-secondary btn--size-small" disabled={busy}>
          Importer
        </button>
        <p role="status">{importMessage}</p>
      </form>
      {rows.length > 0 && (
        <table style={{ borderCollapse: 'collapse', inlineSize: '100%' }}>
          <caption style={{ textAlign: 'start', fontWeight: 600 }}>Compte rendu de l’import, élément par élément</caption>
          <thead>
            <tr>
              <th scope="col" style={cell}>
                Fiche
              </th>
              <th scope="col" style={cell}>
                Élément
              </th>
              <th scope="col" style={cell}>
                Résultat
              </th>
              <th scope="col" style={cell}>
                Détail
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td style={cell}>{row.ficheTitle || row.fiche}</td>
                <td style={cell}>{row.unitLabel}</td>
                <td style={cell}>{outcomeLabels[row.outcome]}</td>
                <td style={cell}>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
