// Types of scripts/zod-unused.mjs (plain JavaScript: it runs before any tool is compiled).
import type { Plugin } from 'esbuild';

/** The modules left out of the bundle, under zod/v4/ (e.g. "core/compile.js"). */
export declare const ZOD_UNUSED: readonly string[];
/** The text of the stub standing for `module`, whose real exports are `real`. */
export declare function stubText(module: string, real: Record<string, unknown>): string;
/** The esbuild plugin that puts the stubs in place of those modules. */
export declare const zodUnused: Plugin;
