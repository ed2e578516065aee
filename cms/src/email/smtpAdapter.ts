import nodemailer from 'nodemailer';
import type { PayloadEmailAdapter } from 'payload';

/**
 * Payload's e-mail adapter over SMTP (nodemailer), configured by environment variables. Without
 * `SMTP_HOST` there is no adapter and Payload writes each mail to the log, as before.
 *
 * Written here rather than taken from `@payloadcms/email-nodemailer`: no release of it matches
 * the pinned Payload (3.90.2; the package stops at 3.90.1, which requires exactly payload 3.90.1).
 * It does the same thing: one pooled-free transport, Payload's `from` defaults.
 */
export function smtpEmailAdapter(env: NodeJS.ProcessEnv = process.env): PayloadEmailAdapter | undefined {
  const host = env.SMTP_HOST?.trim();
  if (!host) return undefined;
  const port = Number(env.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`SMTP_PORT is not a port number: ${env.SMTP_PORT}`);
  const defaultFromAddress = env.EMAIL_FROM_ADDRESS?.trim() || 'no-reply@passerelle.invalid';
  const defaultFromName = env.EMAIL_FROM_NAME?.trim() || 'Passerelle';
  const transport = nodemailer.createTransport({
    host,
    port,
    // 465 is SMTP over TLS; other ports upgrade with STARTTLS when the server offers it.
    secure: env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : port === 465,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
    // A server that does not answer fails the send in seconds; the reminders job retries later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return () => ({
    name: 'smtp',
    defaultFromAddress,
    defaultFromName,
    sendEmail: async (message) =>
      transport.sendMail({ from: { name: defaultFromName, address: defaultFromAddress }, ...message } as never),
  });
}
