// The launcher's last safety net: when the event loop empties while the run's main promise is
// still pending (a plugin or a source awaited something that can never settle, with no timer left
// to end it), Node would exit with code 0 and no output. Instead: say so on stderr and exit 2.

export const UNSETTLED_EXIT = 2;

export function exitIfUnsettled(main: Promise<unknown>, stderr: NodeJS.WritableStream = process.stderr): void {
  let settled = false;
  const done = () => {
    settled = true;
  };
  main.then(done, done);
  process.once('beforeExit', () => {
    if (settled) return;
    stderr.write(
      'checkout-doctor: internal error: the run stopped before finishing (something it waited for can never happen, often a plugin); no report was produced.\n' +
        'Run again without plugins (remove "plugins" from the configuration) or with --debug, and report it.\n',
    );
    process.exit(UNSETTLED_EXIT);
  });
}
