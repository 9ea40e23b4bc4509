// Entry point of scripts/bench: node --conditions=@callfwd/source --import=tsx packages/bench/src/bin.ts [args]
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
