// Errors that stop a command before any report: bad input, bad configuration. They map to exit
// code 2 and are printed as a sentence saying what happened and what to do, never a stack trace.

import type { Lang, Text } from './types.js';

export class UsageError extends Error {
  /** What the person should do about it (English; `texts` holds both languages when known). */
  readonly hint?: string;
  /** The message and hint in French and English, for errors written in both. */
  readonly texts?: { message: Text; hint?: Text };

  constructor(
    message: string | Text,
    hint?: string | Text,
    /** Extra lines: close matches, valid values... */
    readonly details: string[] = [],
    /** The extra lines in French, when they hold words (`(groupe 5)`); else `details` serve both. */
    readonly detailsFr?: string[],
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'UsageError';
    this.hint = typeof hint === 'object' ? hint.en : hint;
    if (typeof message === 'object') {
      this.texts = { message, hint: typeof hint === 'object' ? hint : hint === undefined ? undefined : { fr: hint, en: hint } };
    }
  }

  /** Message and hint in `lang` when the error was written in both languages, else as written. */
  in(lang: Lang): { message: string; hint?: string; details: string[] } {
    const details = lang === 'fr' && this.detailsFr ? this.detailsFr : this.details;
    if (!this.texts) return { message: this.message, hint: this.hint, details };
    return { message: this.texts.message[lang], hint: this.texts.hint?.[lang], details };
  }
}
