// The promise-returning file-system calls of the start-up path, over node:fs's callback API:
// importing node:fs/promises loads some twenty of Node's own modules (its FileHandle, readline,
// watchers…), ~2 ms of CPU at every run (issue 9), for calls that need none of them. Same
// arguments, results and errors as their node:fs/promises namesakes. Code that needs a FileHandle
// takes node:fs/promises when it runs (process.getBuiltinModule), as src/cli/atomic-write.ts does.

import { lstat as lstatCb, readdir as readdirCb, readFile as readFileCb, readlink as readlinkCb, stat as statCb, type Stats } from 'node:fs';
import { promisify } from 'node:util';

export const lstat: (path: string) => Promise<Stats> = promisify(lstatCb);
export const stat: (path: string) => Promise<Stats> = promisify(statCb);
export const readdir: (path: string) => Promise<string[]> = promisify(readdirCb);
export const readlink: (path: string) => Promise<string> = promisify(readlinkCb);
export const readFile: (path: string, encoding: 'utf8') => Promise<string> = promisify(readFileCb);
