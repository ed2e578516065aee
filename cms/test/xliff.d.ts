/** The part of the `xliff` library (no types of its own) the XLIFF tests use as an independent reader and writer. */
declare module 'xliff' {
  type XliffJs = { sourceLanguage?: string; targetLanguage?: string; resources: Record<string, Record<string, any>> };
  const xliff: {
    xliff12ToJs(text: string): Promise<XliffJs>;
    jsToXliff12(js: XliffJs): Promise<string>;
  };
  export default xliff;
}
