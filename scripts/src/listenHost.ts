/**
 * The address both servers listen on: this machine only, unless `--host <address>` or LISTEN_HOST
 * says otherwise (`0.0.0.0` for every interface). The development logins and their public
 * password make anything wider an open door.
 */
export function listenHost(
  argv: string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
): string {
  const index = argv.findIndex((arg) => arg === '--host' || arg.startsWith('--host='));
  const fromFlag = index === -1 ? undefined : argv[index]?.includes('=') ? argv[index]?.slice('--host='.length) : argv[index + 1];
  return fromFlag?.trim() || env.LISTEN_HOST?.trim() || '127.0.0.1';
}
