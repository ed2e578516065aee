import type { AfterErrorHook, FlattenedField, PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import { isContributorOnly } from '../access/roles';

type FieldError = { path?: string; message?: string; label?: unknown };
type ErrorBody = { errors?: { message?: string; name?: string; data?: { errors?: FieldError[] } }[] };

const invalidFields = (count: number) =>
  count === 1 ? 'Le champ suivant n’est pas valide' : 'Les champs suivants ne sont pas valides';

/**
 * The admin shows an error's message in a toast, reading the text after the first colon as a
 * comma-separated list of fields. Payload writes that message in English with raw field paths
 * ("The following fields are invalid (4): primaryTheme mainStructure how next"), and a refusal
 * that belongs to no field on screen (`_status`, a field the user does not see) loses its
 * French sentence. This rewrites it: French labels (« Comment faire ? → 1 → Titre »), and the
 * French sentence of every refusal that has no field of its own.
 */
export const frenchValidationErrors: AfterErrorHook = ({ error, result, collection, req }) => {
  // By shape, not by name: the production build minifies class names ("l" instead of "ValidationError").
  if (!(error instanceof ValidationError) && (error as { status?: number }).status !== 400) return;
  if (!collection) return;
  const body = result as ErrorBody | undefined;
  const first = body?.errors?.[0];
  const fieldErrors = first?.data?.errors;
  if (!first || !Array.isArray(fieldErrors) || fieldErrors.length === 0) return;

  const labelled: { label: string; message?: string }[] = [];
  const sentences: string[] = [];
  for (const fieldError of fieldErrors) {
    const label = fieldError.path ? labelOf(collection.flattenedFields, fieldError.path.split('.'), req) : undefined;
    if (label) labelled.push({ label, message: fieldError.message });
    else if (fieldError.message) sentences.push(withoutColons(fieldError.message));
  }
  const parts = [...new Set(sentences)];
  const [only] = labelled;
  if (labelled.length === 1 && only?.message && sentences.length === 0) {
    // One field: its label and its sentence, which may sit in a closed tab or the sidebar.
    parts.push(`${only.label} — ${withoutColons(only.message)}`);
  } else if (labelled.length > 0) {
    parts.push(`${invalidFields(labelled.length)} : ${labelled.map(({ label }) => label).join(', ')}`);
  }
  first.message = parts.join(' ');
  return { response: body as Record<string, unknown> };
};

/** A sentence shown whole: the toast would otherwise cut it at its first colon. */
function withoutColons(message: string): string {
  return message.replace(/\s*:\s+/g, ' — ');
}

/**
 * « Comment faire ? → 2 → Titre » for `how.1.title`; undefined when the path leads to no field
 * the user sees (`_status`, hidden bookkeeping, a field their role does not show).
 */
function labelOf(fields: FlattenedField[], segments: string[], req: PayloadRequest): string | undefined {
  const labels: string[] = [];
  let current: FlattenedField[] | undefined = fields;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      labels.push(String(Number(segment) + 1));
      continue;
    }
    const field: FlattenedField | undefined = current?.find((candidate) => 'name' in candidate && candidate.name === segment);
    if (!field || field.admin?.hidden || !shownTo(field, req)) return undefined;
    const label = 'label' in field && typeof field.label === 'string' ? field.label : undefined;
    if (!label) return undefined;
    labels.push(label);
    current = 'flattenedFields' in field ? field.flattenedFields : undefined;
  }
  return labels.join(' → ');
}

/** Fields a role never sees say `custom.hiddenFromContributors` (their condition reads the user). */
function shownTo(field: FlattenedField, req: PayloadRequest): boolean {
  return !(field.custom?.hiddenFromContributors && isContributorOnly(req.user));
}
