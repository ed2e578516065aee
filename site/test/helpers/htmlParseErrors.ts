/**
 * Parse errors of a page as the HTML standard defines them, found by parsing it the way a
 * browser does (parse5 implements the standard's tokenizer and tree construction).
 *
 * parse5 reports every tokenizer error but only some tree-construction errors: it repairs the
 * others silently. The ones a built page can plausibly hit are reported here as the standard
 * words them:
 * - after `</body>` or `</html>`, any token other than whitespace, a comment or `</html>` (a
 *   `<script>` emitted after the document: the browser moves it into the body, tools that read
 *   the tree may lose it);
 * - in the body, an end tag whose element is not open (`</p>` without `<p>`, `</span>` too many).
 *
 * Plus one content-model rule that a template can break without any parse error, and that
 * html-validate does not check: a `<time>` must hold a valid date or time, in its `datetime`
 * attribute or, without one, in its text (an empty `<time>` is neither).
 */
import { defaultTreeAdapter, InsertionMode, Parser, type DefaultTreeAdapterMap, type ParserOptions, type Token } from 'parse5';

export type HtmlParseError = { code: string; line: number; column: number };

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

class StrictParser extends Parser<DefaultTreeAdapterMap> {
  readonly extraErrors: HtmlParseError[] = [];

  private afterBody(): boolean {
    const mode = this.insertionMode;
    return mode === InsertionMode.AFTER_BODY || mode === InsertionMode.AFTER_AFTER_BODY;
  }

  private report(code: string, token: { location?: Token.Location | null }): void {
    this.extraErrors.push({ code, line: token.location?.startLine ?? 0, column: token.location?.startCol ?? 0 });
  }

  override onStartTag(token: Token.TagToken): void {
    if (this.afterBody() && token.tagName !== 'html') this.report(`unexpected-start-tag-after-body <${token.tagName}>`, token);
    super.onStartTag(token);
  }

  override onEndTag(token: Token.TagToken): void {
    const mode = this.insertionMode;
    if ((mode === InsertionMode.AFTER_BODY && token.tagName !== 'html') || mode === InsertionMode.AFTER_AFTER_BODY)
      this.report(`unexpected-end-tag-after-body </${token.tagName}>`, token);
    else if (
      mode === InsertionMode.IN_BODY &&
      !this.openElements.items.some((element) => 'tagName' in element && element.tagName === token.tagName)
    )
      this.report(`end-tag-without-matching-open-element </${token.tagName}>`, token);
    super.onEndTag(token);
  }

  override onCharacter(token: Token.CharacterToken): void {
    if (this.afterBody()) this.report('unexpected-text-after-body', token);
    super.onCharacter(token);
  }
}

/** A valid date string, month, week, time, local or global date and time, or duration, as `<time>` accepts. */
const validTime = new RegExp(
  [
    String.raw`\d{4,}(-\d{2}(-\d{2})?)?`,
    String.raw`\d{2}-\d{2}`,
    String.raw`\d{4,}-W\d{2}`,
    String.raw`\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?`,
    String.raw`\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?`,
    String.raw`(Z|[+-]\d{2}:?\d{2})`,
    String.raw`P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,3})?S)?)?`,
    String.raw`(\s*\d+(\.\d{1,3})?\s*[WDHMS])+`,
  ]
    .map((pattern) => `(?:${pattern})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')$'),
);

export function isValidTimeValue(value: string): boolean {
  return value.trim() !== '' && validTime.test(value.trim());
}

function textOf(node: Node): string {
  if (defaultTreeAdapter.isTextNode(node)) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** Every element, template contents included (a template's children live in its `content`). */
function* elements(node: Node): Generator<Element> {
  if (defaultTreeAdapter.isElementNode(node)) yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* elements(child);
  if (defaultTreeAdapter.isElementNode(node) && 'content' in node) yield* elements(node.content);
}

export function htmlParseErrors(html: string): HtmlParseError[] {
  const errors: HtmlParseError[] = [];
  const options: ParserOptions<DefaultTreeAdapterMap> = {
    sourceCodeLocationInfo: true,
    onParseError: (error) => errors.push({ code: error.code, line: error.startLine, column: error.startCol }),
  };
  const parser = new StrictParser(options);
  parser.tokenizer.write(html, true);
  errors.push(...parser.extraErrors);
  for (const element of elements(parser.document)) {
    if (element.tagName !== 'time') continue;
    const datetime = element.attrs.find((attribute) => attribute.name === 'datetime');
    const value = datetime ? datetime.value : textOf(element);
    if (!isValidTimeValue(value)) {
      const location = element.sourceCodeLocation;
      errors.push({
        code: datetime ? `invalid-time-datetime "${value}"` : `time-without-valid-time "${value.trim()}"`,
        line: location?.startLine ?? 0,
        column: location?.startCol ?? 0,
      });
    }
  }
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
