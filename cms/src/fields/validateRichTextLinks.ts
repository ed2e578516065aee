import type { RichTextFieldValidation } from 'payload';
import { validations } from 'payload';

import { findLinkProblems, linkUrlMessage } from '@passerelle/content-schemas';

/**
 * A rich text's own validation (Lexical's, which checks internal links have a target), preceded
 * by the site renderer's rule for external links: a link the site cannot publish would stop
 * every build, so it is refused here with the link's text and what to write instead.
 */
export const validateRichTextLinks: RichTextFieldValidation = async (value, options) => {
  const [problem] = findLinkProblems(value);
  if (problem) {
    const where = problem.text.trim() ? `Le lien « ${problem.text.trim().slice(0, 60)} » : ` : 'Un lien : ';
    return `${where}${linkUrlMessage(problem.check)}`;
  }
  return validations.richText(value, options);
};
