import type { Payload, TaskConfig } from 'payload';

import { addDays, reviewReminderLeadDays, reviewStateAt } from '@passerelle/content-schemas';

import type { ReviewReminderKind } from '../collections/ReviewReminders';
import { publicServerUrl } from '../utilities/serverUrl';

export const reviewRemindersTaskSlug = 'sendReviewReminders';
/** After this many refused sends a reminder stays visible as failed and the job stops retrying it. */
export const maxReminderAttempts = 8;

type DueFiche = {
  id: string;
  title?: string | null;
  type?: string | null;
  mainStructure?: string | { id: string } | null;
  nextReviewAt: string;
};

export type ReminderRun = { due: number; created: number; sent: number; failed: number; errors: string[] };

const idOf = (value: DueFiche['mainStructure']) => (value && typeof value === 'object' ? value.id : (value ?? undefined));

const frenchDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));

/**
 * Published fiches due within the lead time or overdue at `now`, most urgent first: read from
 * the main documents through the `nextReviewAt` index, 100 at a time.
 */
async function* dueFiches(payload: Payload, now: Date): AsyncGenerator<DueFiche> {
  const horizon = addDays(now, reviewReminderLeadDays).toISOString();
  for (let page = 1; ; page += 1) {
    const result = await payload.find({
      collection: 'fiches',
      // Only published fiches have a next review date (stampReview): the index alone answers.
      where: { nextReviewAt: { less_than_equal: horizon } },
      sort: 'nextReviewAt',
      locale: 'fr',
      depth: 0,
      limit: 100,
      page,
      draft: false,
      overrideAccess: true,
      select: { title: true, type: true, mainStructure: true, nextReviewAt: true },
    });
    for (const doc of result.docs) yield doc as DueFiche;
    if (!result.hasNextPage) return;
  }
}

/** Contributors of the structure for its dispositifs (editors when it has none), editors for démarches. */
async function recipientsOf(payload: Payload, fiche: DueFiche): Promise<string[]> {
  const structure = idOf(fiche.mainStructure);
  const emails = async (where: Parameters<Payload['find']>[0]['where']) =>
    (
      await payload.find({
        collection: 'users',
        where,
        depth: 0,
        limit: 200,
        pagination: false,
        overrideAccess: true,
        select: { email: true },
      })
    ).docs
      .map((user) => user.email)
      .filter(Boolean);
  if (fiche.type === 'dispositif' && structure) {
    const contributors = await emails({ and: [{ roles: { in: ['contributor'] } }, { structure: { equals: structure } }] });
    if (contributors.length > 0) return contributors.sort();
  }
  return (await emails({ roles: { in: ['editor'] } })).sort();
}

/** The mail, in French, with a direct link to the fiche in the admin. */
export function reminderMail(
  fiche: { id: string; title?: string | null; nextReviewAt: string },
  kind: ReviewReminderKind,
  now: Date,
  serverUrl: string,
) {
  const title = fiche.title?.trim() || 'Fiche sans titre';
  const link = `${serverUrl}/admin/collections/fiches/${fiche.id}`;
  const overdue = now.getTime() >= Date.parse(fiche.nextReviewAt);
  const when = overdue
    ? `devait être vérifiée le ${frenchDay(fiche.nextReviewAt)}`
    : `est à vérifier d’ici le ${frenchDay(fiche.nextReviewAt)}`;
  const subject =
    kind === 'followUp' ? `Relance : la fiche « ${title} » n’a pas été vérifiée` : `Fiche à vérifier : « ${title} »`;
  const lines = [
    'Bonjour,',
    '',
    `La fiche « ${title} » ${when}.`,
    'Les personnes réfugiées s’appuient sur ces informations : merci de vérifier qu’elles sont toujours exactes (adresses, horaires, conditions, liens).',
    '',
    `Ouvrir la fiche : ${link}`,
    '',
    '— Si rien n’a changé : cliquez sur « Vérifiée, rien n’a changé » dans la fiche.',
    '— Sinon : corrigez la fiche, puis publiez-la (ou soumettez-la pour relecture).',
    '',
    kind === 'followUp'
      ? 'C’est la dernière relance pour cette date de vérification.'
      : 'Une relance suivra si la fiche n’est pas vérifiée 14 jours après cette date.',
    '',
    'L’équipe Passerelle',
  ];
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = lines
    .map((line) =>
      line.startsWith('Ouvrir la fiche')
        ? `<p><a href="${escape(link)}">Ouvrir la fiche « ${escape(title)} »</a></p>`
        : line
          ? `<p>${escape(line)}</p>`
          : '',
    )
    .join('\n');
  return { subject, text: lines.join('\n'), html: `<div lang="fr">${html}</div>` };
}

/**
 * The reminders job: for each fiche due in the next 14 days or overdue, records one reminder
 * for its due date (or the follow-up, once 14 days overdue) — at most once, by a unique key —
 * then sends every reminder not sent yet, including those a mail server refused in an earlier
 * run. Throws when some send failed, so Payload marks the job failed and retries it; what was
 * sent stays sent. `now` is injected so tests control the clock.
 */
export async function sendDueReminders(payload: Payload, { now = new Date() }: { now?: Date } = {}): Promise<ReminderRun> {
  const run: ReminderRun = { due: 0, created: 0, sent: 0, failed: 0, errors: [] };
  for await (const fiche of dueFiches(payload, now)) {
    run.due += 1;
    const state = reviewStateAt(fiche.nextReviewAt, now);
    if (state === 'ok') continue;
    const kind: ReviewReminderKind = state === 'followUp' ? 'followUp' : 'reminder';
    const dueDate = new Date(fiche.nextReviewAt).toISOString();
    const key = `${fiche.id}|${dueDate}|${kind}`;
    const { totalDocs } = await payload.count({
      collection: 'review-reminders',
      where: { key: { equals: key } },
      overrideAccess: true,
    });
    if (totalDocs > 0) continue;
    try {
      await payload.create({
        collection: 'review-reminders',
        data: { key, fiche: fiche.id, dueDate, kind, status: 'pending', attempts: 0 },
        overrideAccess: true,
      });
      run.created += 1;
    } catch (error) {
      // Another runner recorded it between the count and the insert: the unique key refused ours.
      const { totalDocs: again } = await payload.count({
        collection: 'review-reminders',
        where: { key: { equals: key } },
        overrideAccess: true,
      });
      if (again === 0) throw error;
    }
  }

  const serverUrl = publicServerUrl();
  const { docs: pending } = await payload.find({
    collection: 'review-reminders',
    where: { and: [{ status: { equals: 'pending' } }, { attempts: { less_than: maxReminderAttempts } }] },
    sort: 'createdAt',
    depth: 0,
    limit: 500,
    pagination: false,
    overrideAccess: true,
  });
  for (const reminder of pending) {
    const ficheId = typeof reminder.fiche === 'object' && reminder.fiche ? reminder.fiche.id : reminder.fiche;
    const fiche = ficheId
      ? ((await payload.findByID({
          collection: 'fiches',
          id: ficheId,
          locale: 'fr',
          depth: 0,
          draft: false,
          overrideAccess: true,
          disableErrors: true,
          select: { title: true, type: true, mainStructure: true, nextReviewAt: true },
        })) as DueFiche | null)
      : null;
    // Checked (or deleted) since the reminder was recorded: nothing to ask any more.
    if (
      !fiche ||
      !fiche.nextReviewAt ||
      new Date(fiche.nextReviewAt).toISOString() !== new Date(reminder.dueDate).toISOString()
    ) {
      await payload.update({
        collection: 'review-reminders',
        id: reminder.id,
        data: { status: 'cancelled' },
        overrideAccess: true,
      });
      continue;
    }
    const recipients = await recipientsOf(payload, fiche);
    if (recipients.length === 0) {
      await payload.update({
        collection: 'review-reminders',
        id: reminder.id,
        data: { status: 'noRecipient', lastError: 'Aucun éditeur ni contributeur de la structure à prévenir.' },
        overrideAccess: true,
      });
      continue;
    }
    const mail = reminderMail({ ...fiche, id: String(fiche.id) }, reminder.kind, now, serverUrl);
    try {
      await payload.sendEmail({ to: recipients, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      const message = (error as Error).message || String(error);
      run.failed += 1;
      run.errors.push(message);
      await payload.update({
        collection: 'review-reminders',
        id: reminder.id,
        data: {
          attempts: (reminder.attempts ?? 0) + 1,
          lastError: `Envoi refusé le ${now.toISOString()} : ${message}`.slice(0, 1000),
          recipients: recipients.join(', '),
        },
        overrideAccess: true,
      });
      continue;
    }
    run.sent += 1;
    await payload.update({
      collection: 'review-reminders',
      id: reminder.id,
      data: {
        status: 'sent',
        sentAt: now.toISOString(),
        attempts: (reminder.attempts ?? 0) + 1,
        recipients: recipients.join(', '),
        lastError: null,
      },
      overrideAccess: true,
    });
  }
  payload.logger.info(
    `review reminders: ${run.due} fiche(s) due, ${run.created} new reminder(s), ${run.sent} sent, ${run.failed} refused`,
  );
  if (run.failed > 0)
    throw new Error(
      `review reminders: ${run.failed} e-mail(s) refused by the mail server (${run.errors[0]}); retried by the next run`,
    );
  return run;
}

/**
 * Every morning at 6:00 (UTC), in the default queue that `jobs.autoRun` already runs every
 * minute. A failed run (the mail server down) is retried by Payload with a growing delay; the
 * next day's run would pick the pending mails up anyway.
 */
export const reviewRemindersTask: TaskConfig<{ input: { now?: string }; output: { sent: number } }> = {
  slug: reviewRemindersTaskSlug,
  label: 'Rappels de vérification des fiches',
  inputSchema: [{ name: 'now', type: 'text' }],
  outputSchema: [{ name: 'sent', type: 'number' }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 0 6 * * *', queue: 'default' }],
  handler: async ({ input, req }) => {
    const now = input?.now ? new Date(input.now) : new Date();
    const run = await sendDueReminders(req.payload, { now });
    return { output: { sent: run.sent } };
  },
};
