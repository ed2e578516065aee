/**
 * The RGAA 4.1 self-audit (docs/accessibility/audit-rgaa-4.1.md) read at build time, so that the
 * accessibility statement and the footer can never claim more than the audit says: the rate is
 * recomputed from the status of each criterion row, and any doubt — a criterion missing or twice,
 * an unknown status, totals in the header that disagree with the rows — fails the build.
 */

export type CriterionStatus = 'C' | 'NC' | 'NA';

export type AuditCriterion = { id: string; title: string; status: CriterionStatus };

/** Legal wording of the RGAA: « totalement », « partiellement » or « non conforme ». */
export type ConformanceLevel = 'full' | 'partial' | 'none';

export type AccessibilityAudit = {
  /** Day of the audit, `YYYY-MM-DD`. */
  date: string;
  auditor: string;
  contact: string;
  criteria: AuditCriterion[];
  conformant: number;
  nonConformant: number;
  notApplicable: number;
  /** Conformant ÷ applicable (conformant + non-conformant), between 0 and 1. */
  rate: number;
  level: ConformanceLevel;
  nonConformities: AuditCriterion[];
};

/** Number of criteria in each of the 13 themes of RGAA 4.1 (106 in all). */
export const rgaaThemeSizes = [9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12] as const;

const rgaaCriterionIds = rgaaThemeSizes.flatMap((size, theme) =>
  Array.from({ length: size }, (_, index) => `${theme + 1}.${index + 1}`),
);

function fail(message: string): never {
  throw new Error(`Audit RGAA (docs/accessibility/audit-rgaa-4.1.md) : ${message}`);
}

function frontMatter(markdown: string): Map<string, string> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown.replace(/\r\n/g, '\n'));
  if (!match?.[1]) fail('l’en-tête (entre deux lignes « --- ») est absent.');
  const fields = new Map<string, string>();
  for (const line of match[1].split('\n')) {
    if (!line.trim()) continue;
    const field = /^([a-z_]+):\s*(.+)$/.exec(line);
    if (!field?.[1] || !field[2]) fail(`ligne d’en-tête illisible : « ${line} ».`);
    fields.set(field[1], field[2].trim());
  }
  return fields;
}

function required(fields: Map<string, string>, name: string): string {
  const value = fields.get(name);
  if (!value) fail(`le champ « ${name} » manque dans l’en-tête.`);
  return value;
}

function count(fields: Map<string, string>, name: string): number {
  const value = required(fields, name);
  if (!/^\d+$/.test(value)) fail(`le champ « ${name} » doit être un nombre entier, pas « ${value} ».`);
  return Number(value);
}

/** The criteria rows: `| 1.1 | Intitulé | C | Vérification | Constat | Correction |`. */
function criterionRows(markdown: string): AuditCriterion[] {
  const rows: AuditCriterion[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const cells = line.split('|').map((cell) => cell.trim());
    // A table row starts and ends with a pipe: cells[0] and the last cell are empty.
    const [, id = '', title = '', status = ''] = cells;
    if (!line.startsWith('|') || !/^\d+\.\d+$/.test(id)) continue;
    if (status !== 'C' && status !== 'NC' && status !== 'NA')
      fail(`le critère ${id} a le statut « ${status} » ; attendu C, NC ou NA.`);
    if (!title) fail(`le critère ${id} n’a pas d’intitulé.`);
    rows.push({ id, title, status });
  }
  return rows;
}

export function parseAccessibilityAudit(markdown: string): AccessibilityAudit {
  const fields = frontMatter(markdown);
  const referential = required(fields, 'referentiel');
  if (referential !== 'RGAA 4.1') fail(`référentiel « ${referential} » ; cette page sait lire un audit RGAA 4.1.`);
  const date = required(fields, 'date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    fail(`date « ${date} » ; attendu AAAA-MM-JJ.`);
  const contact = required(fields, 'contact');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) fail(`le contact « ${contact} » n’est pas une adresse e-mail.`);

  const criteria = criterionRows(markdown);
  const seen = new Set<string>();
  for (const criterion of criteria) {
    if (!rgaaCriterionIds.includes(criterion.id)) fail(`le critère ${criterion.id} n’existe pas dans le RGAA 4.1.`);
    if (seen.has(criterion.id)) fail(`le critère ${criterion.id} apparaît deux fois.`);
    seen.add(criterion.id);
  }
  const missing = rgaaCriterionIds.filter((id) => !seen.has(id));
  if (missing.length > 0) fail(`${missing.length} critère(s) sans statut : ${missing.join(', ')}.`);

  const conformant = criteria.filter((criterion) => criterion.status === 'C').length;
  const nonConformities = criteria.filter((criterion) => criterion.status === 'NC');
  const notApplicable = criteria.filter((criterion) => criterion.status === 'NA').length;
  const totals = { conformes: conformant, non_conformes: nonConformities.length, non_applicables: notApplicable };
  for (const [name, actual] of Object.entries(totals)) {
    const declared = count(fields, name);
    if (declared !== actual) fail(`l’en-tête annonce ${name}: ${declared}, les lignes des critères en donnent ${actual}.`);
  }
  const applicable = conformant + nonConformities.length;
  if (applicable === 0) fail('aucun critère applicable : le taux ne peut pas être calculé.');
  const rate = conformant / applicable;
  // RGAA: « totalement conforme » only at 100 %, « non conforme » under 50 %.
  const level: ConformanceLevel = rate === 1 ? 'full' : rate >= 0.5 ? 'partial' : 'none';
  return {
    date,
    auditor: required(fields, 'auditeur'),
    contact,
    criteria,
    conformant,
    nonConformant: nonConformities.length,
    notApplicable,
    rate,
    level,
    nonConformities,
  };
}

/**
 * The rate rounded DOWN to one decimal (99.96 % shows as 99.9 %, never 100 %), written as each
 * language writes percentages.
 */
export function formatConformanceRate(rate: number, locale: string): string {
  const floored = Math.floor(rate * 1000) / 1000;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(floored);
}
