/** The language server's workspace is the core's Project: the same settings, ignore globs, packs and phases as `jixiao check`. */
export { Project as Workspace, SAYS_JIXIAO, isJixiaoResult, type Entry, type Settings } from '@jixiao/core';
