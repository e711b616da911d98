// Writing a file so that nothing is ever lost: the text goes to a temporary file in the same
// folder, flushed to disk, then renamed over the target in one step. A failure at any point (disk
// full, file size limit, permissions) leaves the previous file as it was and removes the temporary
// one, so no truncated report is ever left behind. Missing folders are created.

import { stat } from '../engine/fs.js';
import { basename, dirname, join } from 'node:path';
import type { Text } from '../engine/types.js';

/** `text` may come in pieces (a report written as it is rendered); they are written in order. */
export async function writeFileAtomic(file: string, text: string | Iterable<string | Uint8Array>, options: { mode?: number } = {}): Promise<void> {
  // Taken here, not imported: a run that writes no file never loads node:fs/promises (src/engine/fs.ts).
  const { mkdir, open, realpath, rename, rm } = process.getBuiltinModule('node:fs/promises');
  // Through a symlink, the file it points to is replaced, not the link.
  const target = await realpath(file).catch(() => file);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  // The replaced file keeps its permissions, unless some are asked (a file holding secrets: 0600).
  const mode = options.mode ?? (await stat(target).then((s) => s.mode & 0o7777, () => undefined));
  const temp = join(dir, `.${basename(target)}.${process.pid}.${process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex')}.tmp`);
  try {
    // Created with the asked mode from the start: never readable by others, even for an instant.
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      if (typeof text === 'string') await handle.writeFile(text, 'utf8');
      else for (const piece of text) await (typeof piece === 'string' ? handle.write(piece, null, 'utf8') : handle.write(piece));
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface RunInput {
  file: string;
  /** What the file is to this run, for the refusal ("the snapshot given to --snapshot"). */
  what: Text;
}

/** The input among `inputs` that `file` is (same file through any path, symlink or hard link), if any. */
export async function sameFileAs(file: string, inputs: readonly RunInput[]): Promise<RunInput | undefined> {
  const out = await stat(file).catch(() => undefined);
  if (!out) return undefined;
  for (const input of inputs) {
    const st = await stat(input.file).catch(() => undefined);
    if (st && st.dev === out.dev && st.ino === out.ino) return input;
  }
  return undefined;
}
