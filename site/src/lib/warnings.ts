/** Build warnings repeat for every language of a page; each is printed once. */
const printed = new Set<string>();

export function warnOnce(message: string): void {
  if (printed.has(message)) return;
  printed.add(message);
  console.warn(`[passerelle] ${message}`);
}
