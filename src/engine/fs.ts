// The promise-returning file-system calls of the start-up path (configuration discovery, the
// snapshot, --output checks), done synchronously: importing node:fs/promises loads some twenty of
// Node's own modules (its FileHandle, readline, watchers…), ~2 ms of CPU, and the first
// asynchronous call starts libuv's thread pool, ~3 ms more, at every run (issue 9), for a few calls
// that take microseconds on a local disk and that the run waits for anyway. Same arguments,
// results and errors (as a rejection) as their node:fs/promises namesakes. Code that needs a
// FileHandle takes node:fs/promises when it runs (process.getBuiltinModule), as
// src/cli/atomic-write.ts does.

import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';

export const lstat = async (path: string): Promise<Stats> => lstatSync(path);
export const stat = async (path: string): Promise<Stats> => statSync(path);
export const readdir = async (path: string): Promise<string[]> => readdirSync(path);
export const readlink = async (path: string): Promise<string> => readlinkSync(path);
export const readFile = async (path: string, encoding: 'utf8'): Promise<string> => readFileSync(path, encoding);
