// Entry point of scripts/soak: runs one soak, prints the summary and each violation; exit 1 on any
// violation, 2 on bad arguments or a soak that could not run.
import { parseSoakArgs } from './soak-args.js';
import { runSoak } from './run-soak.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const parsed = parseSoakArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`usage: scripts/soak [--minutes N] [--cps N] [--seed S] [--faults LIST|none] [--ring MIN-MAX] [--talk MIN-MAX] [--out DIR]\n${parsed.error}\n`);
  process.exit(2);
}
try {
  const outcome = await runSoak(parsed.args, say);
  say(outcome.summary);
  for (const v of outcome.result.violations.slice(0, 200)) say(`VIOLATION ${v.invariant} ${v.subject}: ${v.detail}`);
  say(`history, faults, violations and process logs in ${outcome.outDir}`);
  process.exit(outcome.result.violations.length === 0 ? 0 : 1);
} catch (err) {
  process.stderr.write(`soak failed to run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
}
