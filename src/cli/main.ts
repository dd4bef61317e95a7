#!/usr/bin/env node
import { println, reportError } from './output.js';

/** A command: its one-line summary for `--help` and its runner. Commands hold no logic; the stages do. */
interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** The route table: every command in one place, loaded on use so start-up stays fast. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: () => import('./commands/init.js'),
  ingest: () => import('./commands/ingest.js'),
  stats: () => import('./commands/stats.js'),
  query: () => import('./commands/query.js'),
  detect: () => import('./commands/detect.js'),
  rules: () => import('./commands/rules.js'),
  examine: () => import('./commands/examine.js'),
  trace: () => import('./commands/trace.js'),
  timeline: () => import('./commands/timeline.js'),
  attribute: () => import('./commands/attribute.js'),
  analyze: () => import('./commands/analyze.js'),
};

async function help(): Promise<void> {
  println('veritrace — evidence-first cyberattack traceability\n\nusage: veritrace COMMAND [ARGS] [--json]\n\ncommands:');
  for (const name of Object.keys(COMMANDS)) println(`  ${(await COMMANDS[name]!()).summary}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await help();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`veritrace: unknown command '${name}' (try 'veritrace --help')\n`);
    return 2;
  }
  const json = args.includes('--json');
  try {
    return await (await load()).run(args);
  } catch (e) {
    return reportError(e, json);
  }
}

process.exitCode = await main(process.argv.slice(2));
