// @callfwd/cli: the callfwd command. The command runs from src/bin.ts; this is its public API.
export { main, COMMANDS } from './cli/main.js';
export type { Command } from './cli/command.js';
export { EXIT, type ExitCode } from './cli/exit-code.js';
export { loadConfigFile, formatFileProblem, type FileProblem, type LoadConfigResult } from './config/load-config-file.js';
export { createRunProcess, RUN_ROLES, type RunProcess, type RunProcessOptions, type RunRole } from './run/create-run-process.js';
export { mergeReadiness } from './run/merge-readiness.js';
export { formatTable, type Column } from './output/format-table.js';
