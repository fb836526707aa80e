// npm run new:command <name>: a CLI command with its --help text, registered so the help test covers it.
import { insertImportSorted, isReserved, run, ScaffoldError } from './lib.mjs';

const USAGE = `Usage: npm run new:command -- <name> [--dry-run] [--root <dir>]

Creates a caseload CLI command, <name> in kebab case (e.g. "list-targets"):
  cli/commands/<name>.ts   the command: summary, --help text and a run() that reads a tracker
and registers it in cli/index.ts (COMMANDS), so the overview lists it and tests/cli/help.test.ts gives it a
--help test without anyone adding a row.

Next: write the usage text and run(), ask the core (shared/index.ts) for the answer rather than deciding it in
the command, add a behaviour test in tests/cli/, and run
npx vitest run --project unit tests/cli/help.test.ts tests/conventions.test.ts.
--dry-run prints the files it would create or change; --root runs against another copy of the repository.
Exit 2 when the name is not valid kebab case or a command or file of that name already exists.`;

const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** Names already bound at the top of cli/index.ts (imports and declarations): the new import must not clash. */
function boundNames(text) {
  const names = new Set();
  for (const m of text.matchAll(/^import (?:type )?\{([^}]+)\}/gm)) {
    for (const part of m[1].split(','))
      names.add(
        part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop(),
      );
  }
  for (const m of text.matchAll(/^(?:export )?(?:async )?(?:function|const|let|class|type|interface) (\w+)/gm)) names.add(m[1]);
  return names;
}

function build({ name }, plan) {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name)) {
    throw new ScaffoldError(`"${name}" is not a valid command name: use lower-case words joined by hyphens (e.g. "list-targets").`);
  }
  const id = camel(name);
  const index = plan.read('cli/index.ts');
  const taken = [...plan.read('cli/index.ts').matchAll(/from '\.\/commands\/([\w-]+)'/g)].map((m) => m[1]);
  if (taken.includes(name) || plan.exists(`cli/commands/${name}.ts`)) {
    throw new ScaffoldError(`a command named "${name}" already exists (cli/commands/${name}.ts).`);
  }
  if (isReserved(id) || boundNames(index).has(id)) {
    throw new ScaffoldError(
      `"${name}" would be the identifier "${id}", which is reserved or already used in cli/index.ts; pick another name.`,
    );
  }

  plan.create(`cli/commands/${name}.ts`, commandSource(name, id));
  insertImportSorted(
    plan,
    'cli/index.ts',
    `import { ${id} } from './commands/${name}';`,
    /^import \{ \w+ \} from '\.\/commands\/[\w-]+';$/,
    `./commands/${name}`,
  );
  plan.edit(
    'cli/index.ts',
    /export const COMMANDS: readonly Command\[\] = \[([^\]]*)\];/,
    (_m, g) => `export const COMMANDS: readonly Command[] = [${g[1]}, ${id}];`,
    'COMMANDS list',
  );

  return `  Write the summary, usage and run() in cli/commands/${name}.ts, then add a behaviour test in tests/cli/.`;
}

function commandSource(name, id) {
  return `// caseload ${name} <file.xlsx>: TODO say what the command is for and which core function answers it.
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { loadTracker } from './load';

export const ${id}: Command = {
  name: '${name}',
  summary: 'TODO one line for the overview',
  usage: \`Usage: caseload ${name} <file.xlsx>

TODO: what it reads, what it prints, and its options.

Exit status: 0 done, 2 the input could not be used.\`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'] });
    const loaded = await loadTracker(openSource(args.positionals[0]!), io);
    if (!loaded) return EXIT.unusable;
    // TODO: ask the core (shared/index.ts) and print its answer.
    io.err('caseload ${name}: not written yet.');
    return EXIT.unusable;
  },
};
`;
}

run('new:command', USAGE, [], build);
