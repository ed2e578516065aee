'use client';
/**
 * Text inputs of a translation that run in the direction of its language: Arabic, Persian and
 * Pashto right to left, so punctuation lands where the translator expects it. The language is
 * the translation's own `language` field; the right-to-left codes come from the server config
 * (`clientProps`), so this client file imports nothing from the server side. Same keyboard and
 * ARIA behaviour as Payload's own fields, which these wrap.
 */
import { TextareaField, TextField, useFormFields } from '@payloadcms/ui';
import type { TextareaFieldClientProps, TextFieldClientProps } from 'payload';

type DirectionProps = { rtlLanguages?: string[] };

function useRightToLeft(rtlLanguages: string[] = []): boolean {
  const language = useFormFields(([fields]) => fields.language?.value);
  return typeof language === 'string' && rtlLanguages.includes(language);
}

export function DirectedTextField({ rtlLanguages, ...props }: TextFieldClientProps & DirectionProps) {
  const rtl = useRightToLeft(rtlLanguages);
  return <TextField {...props} field={{ ...props.field, admin: { ...props.field.admin, rtl } }} />;
}

export function DirectedTextareaField({ rtlLanguages, ...props }: TextareaFieldClientProps & DirectionProps) {
  const rtl = useRightToLeft(rtlLanguages);
  return <TextareaField {...props} field={{ ...props.field, admin: { ...props.field.admin, rtl } }} />;
}
