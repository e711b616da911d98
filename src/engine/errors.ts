// Errors that stop a command before any report: bad input, bad configuration. They map to exit
// code 2 and are printed as a sentence saying what happened and what to do, never a stack trace.

export class UsageError extends Error {
  constructor(
    message: string,
    /** What the person should do about it. */
    readonly hint?: string,
    /** Extra lines: close matches, valid values... */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
