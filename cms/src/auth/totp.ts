import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app
 * reads). The QR code is drawn here, never by an outside service: the secret leaves the server
 * only to the person who just proved their password.
 */
const issuer = 'Passerelle';

function totp(secret: string, label = ''): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** A new random secret (160 bits, base32). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The current code, for tests and the bench. */
export function currentTotpCode(secret: string, timestamp = Date.now()): string {
  return totp(secret).generate({ timestamp });
}

/**
 * The time step of a valid code — one step of clock drift either way is accepted — or null.
 * A code is good once: the step must be later than the last one used (`lastStep`), so a code
 * seen over a shoulder or in a log cannot be replayed within its 30 seconds.
 */
export function verifyTotpCode(
  secret: string,
  code: string,
  lastStep: number | null | undefined,
  timestamp = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const generator = totp(secret);
  const delta = generator.validate({ token, timestamp, window: 1 });
  if (delta === null) return null;
  const step = generator.counter({ timestamp }) + delta;
  if (lastStep !== null && lastStep !== undefined && step <= lastStep) return null;
  return step;
}

/** What an authenticator app scans: the otpauth:// address and its QR code as an image (GIF data URL). */
export function enrolment(secret: string, email: string): { uri: string; qrCode: string; secret: string } {
  const uri = totp(secret, email).toString();
  const code = qrcode(0, 'M');
  code.addData(uri);
  code.make();
  return { uri, qrCode: code.createDataURL(5, 4), secret };
}
