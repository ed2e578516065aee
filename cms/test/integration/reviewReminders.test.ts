import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';
import { SMTPServer } from 'smtp-server';

import { addDays } from '@passerelle/content-schemas';

import { reviewRemindersTaskSlug, sendDueReminders } from '../../src/review/reminders';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const context = { skipRebuild: true };

/** A real SMTP server on this machine: every mail it accepts, and a switch to refuse them all. */
type Inbox = { to: string[]; raw: string }[];
const inbox: Inbox = [];
let refusing = false;
let smtp: SMTPServer;

async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) =>
      callback(refusing ? Object.assign(new Error('Service temporairement indisponible'), { responseCode: 421 }) : null),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).sort(),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  if (!address || typeof address === 'string') throw new Error('no SMTP port');
  return address.port;
}

let testPayload: TestPayload;
let payload: Payload;
let taxonomy: { themeId: string; structureId: string };

beforeAll(async () => {
  const port = await startSmtp();
  // Read by the config when it is imported: mails go to the server above.
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_SECURE: 'false',
    EMAIL_FROM_ADDRESS: 'verification@passerelle.test',
  });
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  taxonomy = await createTaxonomy(payload);
  const other = await payload.create({
    collection: 'structures',
    data: { slug: 'sans-contributeur', name: 'Sans contributeur', kind: 'association', status: 'active' },
    context,
  });
  for (const [email, roles, structure] of [
    ['editrice@passerelle.test', ['editor'], undefined],
    ['editeur@passerelle.test', ['editor'], undefined],
    ['contributrice@structure.test', ['contributor'], taxonomy.structureId],
    ['traductrice@passerelle.test', ['translator'], undefined],
  ] as const) {
    await payload.create({
      collection: 'users',
      data: {
        email,
        name: email,
        password: 'correct horse battery',
        roles: [...roles],
        languages: roles.includes('translator' as never) ? ['ar'] : [],
        structure,
      } as never,
    });
  }
  void other;
});

afterAll(async () => {
  await testPayload?.cleanup();
  await new Promise<void>((resolve) => smtp?.close(resolve));
  for (const name of ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'EMAIL_FROM_ADDRESS']) delete process.env[name];
});

const why = () => Array(3).fill(frenchDemarche(taxonomy).what![0]);

/** A published fiche checked at `checkedAt` (démarche: due 6 months later). */
const publish = (title: string, checkedAt: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), lastCheckedAt: checkedAt, ...extra, _status: 'published' } as never,
    context,
  });

const remindersOf = async (ficheId: string) =>
  (await payload.find({ collection: 'review-reminders', where: { fiche: { equals: ficheId } }, sort: 'createdAt', depth: 0 }))
    .docs;

const mailsAbout = (title: string) => inbox.filter((mail) => mail.raw.includes(title) || decode(mail.raw).includes(title));

/** Subjects and bodies may be quoted-printable or base64: good enough to search a title. */
function decode(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  try {
    return Buffer.from(qp, 'latin1').toString('utf8');
  } catch {
    return qp;
  }
}

describe('review reminders', () => {
  it('e-mail the editors about a démarche due within 14 days, once per due date, whatever the reruns', async () => {
    const fiche = await publish('Démarche bientôt due', '2026-01-20T00:00:00.000Z');
    expect(fiche.nextReviewAt).toBe('2026-07-20T00:00:00.000Z');

    await sendDueReminders(payload, { now: new Date('2026-07-01T06:00:00.000Z') });
    expect(mailsAbout('Démarche bientôt due')).toHaveLength(0);

    const run = await sendDueReminders(payload, { now: new Date('2026-07-10T06:00:00.000Z') });
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const mails = mailsAbout('Démarche bientôt due');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['editeur@passerelle.test', 'editrice@passerelle.test']);
    const body = decode(mails[0]!.raw);
    expect(body).toContain(`/admin/collections/fiches/${fiche.id}`);
    expect(body).toContain('Vérifiée, rien n’a changé');
    expect(body).toContain('20 juillet 2026');

    // Reruns the same day, the next days, after a restart: nothing more until the follow-up.
    for (const day of [
      '2026-07-10T07:00:00.000Z',
      '2026-07-15T06:00:00.000Z',
      '2026-07-20T06:00:00.000Z',
      '2026-08-02T06:00:00.000Z',
    ]) {
      await sendDueReminders(payload, { now: new Date(day) });
    }
    expect(mailsAbout('Démarche bientôt due')).toHaveLength(1);
    const [reminder] = await remindersOf(fiche.id);
    expect(reminder).toMatchObject({ kind: 'reminder', status: 'sent', dueDate: '2026-07-20T00:00:00.000Z', attempts: 1 });
  });

  it('send one follow-up 14 days overdue, then never more', async () => {
    const fiche = await publish('Démarche en retard', '2026-01-05T00:00:00.000Z');
    await sendDueReminders(payload, { now: new Date('2026-06-25T06:00:00.000Z') });
    await sendDueReminders(payload, { now: new Date('2026-07-19T06:00:00.000Z') });
    const followUp = await sendDueReminders(payload, { now: new Date('2026-07-19T06:00:00.000Z') });
    expect(followUp.created).toBe(0);
    for (const day of ['2026-07-20T06:00:00.000Z', '2026-09-01T06:00:00.000Z', '2027-03-01T06:00:00.000Z']) {
      await sendDueReminders(payload, { now: new Date(day) });
    }
    const mails = mailsAbout('Démarche en retard');
    expect(mails).toHaveLength(2);
    expect(decode(mails[1]!.raw)).toContain('Relance');
    expect((await remindersOf(fiche.id)).map((reminder) => reminder.kind)).toEqual(['reminder', 'followUp']);
  });

  it('write to the structure’s contributors for a dispositif, to the editors when it has none', async () => {
    const own = await publish('Dispositif de la structure', '2025-07-10T00:00:00.000Z', {
      type: 'dispositif',
      brandName: 'Programme A',
      why: why(),
      next: undefined,
    });
    const orphanStructure = (await payload.find({ collection: 'structures', where: { slug: { equals: 'sans-contributeur' } } }))
      .docs[0]!.id;
    await publish('Dispositif orphelin', '2025-07-10T00:00:00.000Z', {
      type: 'dispositif',
      brandName: 'Programme B',
      why: why(),
      next: undefined,
      mainStructure: orphanStructure,
    });
    expect(own.nextReviewAt).toBe('2026-07-10T00:00:00.000Z');
    await sendDueReminders(payload, { now: new Date('2026-07-01T06:00:00.000Z') });
    expect(mailsAbout('Dispositif de la structure').map((mail) => mail.to)).toEqual([['contributrice@structure.test']]);
    expect(mailsAbout('Dispositif orphelin').map((mail) => mail.to)).toEqual([
      ['editeur@passerelle.test', 'editrice@passerelle.test'],
    ]);
  });

  it('start again from the new due date after a check, and drop a reminder not sent yet', async () => {
    const fiche = await publish('Démarche revérifiée', '2026-02-03T00:00:00.000Z');
    await sendDueReminders(payload, { now: new Date('2026-07-25T06:00:00.000Z') });
    expect(mailsAbout('Démarche revérifiée')).toHaveLength(1);
    // Checked: the next review is six months after the check; no follow-up for the old date.
    await payload.db.updateOne({
      collection: 'fiches',
      id: fiche.id,
      data: { lastCheckedAt: '2026-07-28T00:00:00.000Z', nextReviewAt: '2027-01-28T00:00:00.000Z' },
    });
    await sendDueReminders(payload, { now: new Date('2026-08-20T06:00:00.000Z') });
    expect(mailsAbout('Démarche revérifiée')).toHaveLength(1);
    await sendDueReminders(payload, { now: new Date('2027-01-20T06:00:00.000Z') });
    expect(mailsAbout('Démarche revérifiée')).toHaveLength(2);
  });

  it('keep a mail the server refused, show the error, and send it once when the server is back', async () => {
    const fiche = await publish('Démarche serveur en panne', '2026-03-04T00:00:00.000Z');
    refusing = true;
    const failure = await sendDueReminders(payload, { now: new Date('2026-08-28T06:00:00.000Z') }).catch(
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('refused by the mail server');
    const [pending] = await remindersOf(fiche.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.lastError).toContain('Envoi refusé');
    expect(mailsAbout('Démarche serveur en panne')).toHaveLength(0);

    refusing = false;
    await sendDueReminders(payload, { now: new Date('2026-08-28T07:00:00.000Z') });
    await sendDueReminders(payload, { now: new Date('2026-08-28T08:00:00.000Z') });
    expect(mailsAbout('Démarche serveur en panne')).toHaveLength(1);
    expect((await remindersOf(fiche.id))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('run as a Payload job: a failed run is retried by the queue until the mail goes out', async () => {
    await publish('Démarche du job', '2026-04-08T00:00:00.000Z');
    refusing = true;
    await payload.jobs.queue({ task: reviewRemindersTaskSlug, input: { now: '2026-10-01T06:00:00.000Z' } });
    await payload.jobs.run({ queue: 'default' });
    const [job] = (
      await payload.find({
        collection: 'payload-jobs',
        where: { taskSlug: { equals: reviewRemindersTaskSlug } },
        sort: '-createdAt',
        limit: 1,
      })
    ).docs;
    expect(job).toMatchObject({ hasError: false, completedAt: null });
    expect(job!.totalTried).toBeGreaterThanOrEqual(1);
    expect(mailsAbout('Démarche du job')).toHaveLength(0);

    refusing = false;
    // The retry waits for its backoff; run it as the next autorun tick after that delay would.
    await payload.update({
      collection: 'payload-jobs',
      id: job!.id,
      data: { waitUntil: new Date(Date.now() - 1000).toISOString() },
    });
    await payload.jobs.run({ queue: 'default' });
    // Completed jobs are deleted by Payload: the retried job succeeded, and no other was queued.
    expect(await payload.findByID({ collection: 'payload-jobs', id: job!.id, disableErrors: true })).toBeNull();
    expect(
      (await payload.count({ collection: 'payload-jobs', where: { taskSlug: { equals: reviewRemindersTaskSlug } } })).totalDocs,
    ).toBe(0);
    expect(mailsAbout('Démarche du job')).toHaveLength(1);
  });

  it('are visible to editors only', async () => {
    const editor = (await payload.find({ collection: 'users', where: { email: { equals: 'editrice@passerelle.test' } } }))
      .docs[0]!;
    const translator = (await payload.find({ collection: 'users', where: { email: { equals: 'traductrice@passerelle.test' } } }))
      .docs[0]!;
    const asEditor = await payload.find({ collection: 'review-reminders', user: editor, overrideAccess: false });
    expect(asEditor.totalDocs).toBeGreaterThan(0);
    await expect(payload.find({ collection: 'review-reminders', user: translator, overrideAccess: false })).rejects.toThrow();
    await expect(
      payload.create({
        collection: 'review-reminders',
        data: { key: 'x', dueDate: addDays(new Date(), 1).toISOString(), kind: 'reminder', status: 'sent' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow();
  });
});
