/**
 * The one rule for the address of an external rich-text link, shared by the site's renderer
 * (which refuses to build a page with a bad link) and the CMS (which refuses to save one, in
 * French), so a link the editor accepts is always a link the site can publish.
 */
export const allowedLinkProtocols: readonly string[] = ['http:', 'https:', 'mailto:', 'tel:'];

export type LinkUrlProblem = 'empty' | 'malformed' | 'protocol';

export type LinkUrlCheck = { ok: true; url: string } | { ok: false; problem: LinkUrlProblem; protocol?: string };

/** Accepts a complete http(s), mailto: or tel: address; returns it trimmed. */
export function checkLinkUrl(value: unknown): LinkUrlCheck {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, problem: 'empty' };
  const url = value.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (!allowedLinkProtocols.includes(parsed.protocol)) return { ok: false, problem: 'protocol', protocol: parsed.protocol };
  // `https://` alone parses in some engines' eyes but leads nowhere.
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.hostname)
    return { ok: false, problem: 'malformed' };
  return { ok: true, url };
}

/** What an editor reads next to a refused link. */
export function linkUrlMessage(check: Exclude<LinkUrlCheck, { ok: true }>): string {
  const hint =
    'Indiquez une adresse complète qui commence par https:// (ex. : https://www.caf.fr/), ou mailto: / tel:. Pour une autre fiche, choisissez « Lien interne ».';
  if (check.problem === 'empty') return `Ce lien n’a pas d’adresse. ${hint}`;
  if (check.problem === 'protocol') return `Ce type de lien (${check.protocol ?? '?'}) n’est pas autorisé. ${hint}`;
  return `Cette adresse de lien est incomplète ou mal formée. ${hint}`;
}

type Node = { type?: unknown; fields?: unknown; children?: unknown; text?: unknown };

export type LinkProblem = { path: string; url: unknown; text: string; check: Exclude<LinkUrlCheck, { ok: true }> };

/**
 * Every external link of a Lexical document that the site could not render, with where it is
 * (`root.children[0].children[1]`) and its text, for a message the editor can act on.
 */
export function findLinkProblems(richText: unknown): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const textOf = (node: Node): string =>
    typeof node.text === 'string'
      ? node.text
      : Array.isArray(node.children)
        ? node.children.map((child) => textOf(child as Node)).join('')
        : '';
  const visit = (node: Node, path: string) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'link' || node.type === 'autolink') {
      const fields = (typeof node.fields === 'object' && node.fields !== null ? node.fields : {}) as {
        linkType?: unknown;
        url?: unknown;
      };
      if (fields.linkType !== 'internal') {
        const check = checkLinkUrl(fields.url);
        if (!check.ok) problems.push({ path, url: fields.url, text: textOf(node), check });
      }
    }
    if (Array.isArray(node.children)) node.children.forEach((child, index) => visit(child as Node, `${path}.children[${index}]`));
  };
  const root = (richText as { root?: Node } | null | undefined)?.root;
  if (root) visit(root, 'root');
  return problems;
}
