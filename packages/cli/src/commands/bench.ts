import type { Command } from '../cli/command.js';
import { EXIT } from '../cli/exit-code.js';
import { writeErr, writeOut } from '../output/write-out.js';

const HELP = `usage: callfwd bench [ARGS...]

Runs the benchmark (the @callfwd/bench package): every argument is passed on to it; its own
--help lists them. Exit codes: the benchmark's; 1 when the benchmark is not in this build.`;

type BenchMain = (argv: string[]) => Promise<number>;

async function loadBenchMain(): Promise<BenchMain | undefined> {
  try {
    const mod = (await import('@callfwd/bench')) as { main?: unknown };
    return typeof mod.main === 'function' ? (mod.main as BenchMain) : undefined;
  } catch {
    return undefined;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const main = await loadBenchMain();
  if (main === undefined) {
    if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return (writeOut(HELP), EXIT.ok);
    writeErr('callfwd bench: bench is not available in this build');
    return EXIT.failure;
  }
  return main([...argv]);
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the benchmark (delegates to @callfwd/bench)',
  help: HELP,
  run,
};
