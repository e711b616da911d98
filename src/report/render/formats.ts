// The --format names, without the renderers: the command line lists them at start-up, and loading
// every renderer (and chalk) just to print --help would slow every command down.

export const FORMATS = ['pretty', 'json', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
