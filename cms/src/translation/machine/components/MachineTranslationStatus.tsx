/**
 * Top of the « Traduction automatique » settings: whether a machine translator is configured
 * (and which host receives the text), how to turn it on when none is, and this month's use of
 * each language's budget. Read-only, rendered on the server; a table with a caption and row
 * headers.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

import { languageName, translationLocales } from '@passerelle/content-schemas';

import { budgetOf, formatCount, monthInFrench } from '../budget';
import { machineProviderConfig } from '../config';

export async function MachineTranslationStatus({ payload }: UIFieldServerProps): Promise<React.ReactElement> {
  const config = machineProviderConfig();
  const budgets = await Promise.all(translationLocales.map(async (code) => ({ code, ...(await budgetOf(payload, code)) })));
  const month = budgets[0]?.month ?? '';
  return (
    <section aria-labelledby="machine-status-title" style={{ marginBlockEnd: '1.5rem' }}>
      <h2 id="machine-status-title" style={{ fontSize: '1.1rem', marginBlockEnd: '0.25rem' }}>
        État
      </h2>
      {config ? (
        <p>
          Activée avec <strong>{config.provider === 'deepl' ? 'DeepL' : 'LibreTranslate'}</strong> : le texte français des
          éléments demandés est envoyé à{' '}
          <code>
            {config.provider === 'deepl'
              ? (config.serverUrl ?? (config.authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'))
              : config.url}
          </code>
          . Les traducteurs voient les boutons « Brouillon automatique » dans chaque traduction de leurs langues.
        </p>
      ) : (
        <div>
          <p>
            <strong>Désactivée</strong> : aucun texte ne quitte ce serveur et les traducteurs ne voient aucun bouton. Pour
            l’activer, définissez sur le serveur du CMS, puis redémarrez-le :
          </p>
          <ul>
            <li>
              DeepL : <code>DEEPL_API_KEY</code> (clé du compte DeepL API) et, si besoin, <code>DEEPL_API_URL</code> (
              <code>https://api-free.deepl.com</code> pour un compte gratuit, <code>https://api.deepl.com</code> pour un compte
              Pro ; déduit de la clé sinon). Les glossaires de la collection « Glossaires » sont envoyés à DeepL.
            </li>
            <li>
              ou LibreTranslate, hébergé par votre organisation (le texte ne va pas chez un tiers) :{' '}
              <code>LIBRETRANSLATE_URL</code> et, si le serveur en demande une, <code>LIBRETRANSLATE_API_KEY</code>.
            </li>
          </ul>
        </div>
      )}
      <table style={{ borderCollapse: 'collapse', fontSize: '0.9rem' }}>
        <caption style={{ textAlign: 'start', marginBlockEnd: '0.25rem' }}>
          Caractères utilisés en {month ? monthInFrench(month) : 'ce mois-ci'}, par langue
        </caption>
        <thead>
          <tr>
            <th scope="col" style={cell}>
              Langue
            </th>
            <th scope="col" style={cell}>
              Utilisés
            </th>
            <th scope="col" style={cell}>
              Budget
            </th>
          </tr>
        </thead>
        <tbody>
          {budgets.map(({ code, used, budget }) => (
            <tr key={code}>
              <th scope="row" style={cell}>{`${languageName(code)} (${code})`}</th>
              <td style={cell}>{formatCount(used)}</td>
              <td style={cell}>{formatCount(budget)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const cell: React.CSSProperties = {
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
  padding: '0.35rem 0.75rem',
  textAlign: 'start',
};
