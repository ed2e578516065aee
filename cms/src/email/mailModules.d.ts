/**
 * The few parts of nodemailer and smtp-server that Passerelle uses: neither package ships its own
 * types, and the DefinitelyTyped ones lag nodemailer's major versions.
 */
declare module 'nodemailer' {
  export type SendMailOptions = {
    from?: string | { name: string; address: string };
    to?: string | string[];
    subject?: string;
    text?: string;
    html?: string;
    [key: string]: unknown;
  };
  export type SentMessageInfo = { messageId: string; accepted: unknown[]; rejected: unknown[]; response: string };
  export type Transporter = {
    sendMail(options: SendMailOptions): Promise<SentMessageInfo>;
    close(): void;
  };
  export function createTransport(options: Record<string, unknown>): Transporter;
  const nodemailer: { createTransport: typeof createTransport };
  export default nodemailer;
}

declare module 'smtp-server' {
  import type { Readable } from 'node:stream';

  export type SMTPServerAddress = { address: string };
  export type SMTPServerSession = { envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] } };
  type Done = (error?: Error | null) => void;
  export type SMTPServerOptions = {
    secure?: boolean;
    authOptional?: boolean;
    disabledCommands?: string[];
    logger?: boolean;
    onRcptTo?: (address: SMTPServerAddress, session: SMTPServerSession, callback: Done) => void;
    onData?: (stream: Readable, session: SMTPServerSession, callback: Done) => void;
  };
  export class SMTPServer {
    constructor(options: SMTPServerOptions);
    listen(port: number, host: string, callback?: () => void): void;
    close(callback?: () => void): void;
    server: { address(): { port: number } | string | null };
  }
}
