// npm run new:check <CODE> --family <family>: the code, a stub function wired into runChecks, and the code's row
// in the firing/silent table (tests/core/check-cases.ts), whose two tests fail until the check is written.
import { isReserved, run, ScaffoldError } from './lib.mjs';

const FAMILIES = { data: 'Data', rota: 'Rota', progress: 'Progress', statutory: 'Statutory', training: 'Training' };

const USAGE = `Usage: npm run new:check -- <CODE> --family data|rota|progress|statutory|training [--dry-run] [--root <dir>]

Adds a check code, <CODE> in upper snake case (e.g. ROTA_LONG_SHIFT):
  shared/model.ts                      the code, at the end of its family in CHECK_CODES
  shared/checks/<family>.ts            a stub function check<Code>(ctx) that returns no findings yet
  shared/checks/index.ts               the stub wired into runChecks
  shared/check-titles.ts               the code's title in words (a placeholder to rewrite)
  tests/core/check-cases.ts            the code's row in the firing/silent table (tests/core/check-codes.test.ts runs it)

Its two tests (fires / is silent) and the conventions test's "emitted by the core" FAIL until you finish the check, on purpose:
  1. Write the stub in shared/checks/<family>.ts: one finding per problem, at the cell to fix (at(ctx, tab,
     field, row, {...})), plain UK English a SENCo understands, dates as dd/mm/yyyy (formatUkDate).
  2. In the table row, write build(value): the valid tracker with ONE value changed (the builders above the
     table, e.g. withPupil, withTarget, plusRota), then the firing value, the near-miss value just inside the
     rule, the cells the finding lands on and its message.
  3. Run npx vitest run --project unit tests/core/check-codes.test.ts tests/core/checks-index.test.ts tests/conventions.test.ts
     (the realistic valid tracker must still give no finding at all). Edge cases beyond the pair go in
     tests/core/checks-<family>.test.ts.
--dry-run prints the files it would create or change; --root runs against another copy of the repository.
Exit 2 when the code is not upper snake case, already exists, or --family is missing or unknown.`;

/** ROTA_LONG_SHIFT → "Rota long shift": a first draft of the title, in words, for the contributor to improve. */
const titleOf = (code) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
const pascal = (code) => code.toLowerCase().replace(/(?:^|_)([a-z0-9])/g, (_m, c) => c.toUpperCase());

function build({ name: code, values }, plan) {
  if (!/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(code)) {
    throw new ScaffoldError(`"${code}" is not a valid check code: use upper snake case with at least two words (e.g. ROTA_LONG_SHIFT).`);
  }
  const family = values.family;
  if (!family || !(family in FAMILIES)) {
    throw new ScaffoldError(
      `--family must be one of ${Object.keys(FAMILIES).join(', ')} (got ${family === undefined ? 'none' : `"${family}"`}).`,
    );
  }
  if (plan.read('shared/model.ts').includes(`'${code}'`)) throw new ScaffoldError(`${code} is already a check code (shared/model.ts).`);
  const fn = `check${pascal(code)}`;
  const familyFile = `shared/checks/${family}.ts`;
  const familyText = plan.read(familyFile);
  if (isReserved(fn) || new RegExp(`\\b${fn}\\b`).test(familyText)) throw new ScaffoldError(`${familyFile} already has a ${fn}.`);
  if (!/\bFinding\b/.test(familyText) || !/\bCheckContext\b/.test(familyText)) {
    throw new ScaffoldError(`${familyFile} does not import Finding and CheckContext; add them before scaffolding into it.`);
  }
  const tableFile = 'tests/core/check-cases.ts';

  // The code goes last in its family's block of CHECK_CODES (the blocks are headed by a comment per family).
  plan.edit(
    'shared/model.ts',
    new RegExp(`(export const CHECK_CODES = \\[[^\\]]*?  // ${FAMILIES[family]}\\n(?:  '[A-Z0-9_]+',\\n)*)`),
    (m) => `${m}  '${code}',\n`,
    `"// ${FAMILIES[family]}" block of CHECK_CODES`,
  );
  plan.append(familyFile, stubSource(code, fn, family, tableFile));
  plan.edit(
    'shared/checks/index.ts',
    new RegExp(`import \\{ ([^}]+) \\} from '\\./${family}';`),
    (_m, g) => `import { ${g[1]}, ${fn} } from './${family}';`,
    `import from './${family}'`,
  );
  // The families' list in runChecks, on one line while it fits in the formatter's 140 columns, else one per line.
  plan.edit(
    'shared/checks/index.ts',
    /( *)\[\s*((?:\.\.\.check\w+\(ctx\),\s*)*\.\.\.check\w+\(ctx\)),?\s*\],/,
    (_m, g) => {
      const calls = [...g[2].split(/,\s*/), `...${fn}(ctx)`];
      const oneLine = `${g[1]}[${calls.join(', ')}],`;
      return oneLine.length <= 140 ? oneLine : `${g[1]}[\n${calls.map((c) => `${g[1]}  ${c},`).join('\n')}\n${g[1]}],`;
    },
    'list of check families in runChecks',
  );
  // Its title in words (shown before the code wherever findings are listed): a placeholder the contributor rewrites.
  plan.edit(
    'shared/check-titles.ts',
    /(export const CHECK_TITLES: Readonly<Record<CheckCode, string>> = \{[\s\S]*?\n)(\};\n)/,
    (_m, g) => `${g[1]}  // TODO: ${code} in a few plain words, as a SENCo would say it.\n  ${code}: '${titleOf(code)}',\n${g[2]}`,
    'CHECK_TITLES map',
  );
  // The row goes last in the table (the runner takes the codes in CHECK_CODES order, so the place does not matter).
  plan.edit(
    tableFile,
    /(export const CHECK_CASES: Record<CheckCode, CheckRow> = \{[\s\S]*?\n)(\};\n)/,
    (_m, g) => `${g[1]}${tableRow(code, familyFile)}${g[2]}`,
    'CHECK_CASES table',
  );

  return `  Finish ${fn} in ${familyFile} and its row in ${tableFile}; its tests fail until you do (see --help for the steps).`;
}

function stubSource(code, fn, family, tableFile) {
  return `/** ${code}: TODO say what it finds and why it matters to a SENCo.
 * Its row in ${tableFile} fails until this emits the finding, e.g.
 *   out.push(at(ctx, '${family === 'data' ? 'log' : family === 'statutory' ? 'reviews' : family === 'progress' ? 'targets' : family}', '<field>', row, { severity: 'warning', code: '${code}', message: \`…\` }));
 */
export function ${fn}(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  void ctx;
  return out;
}
`;
}

function tableRow(code, familyFile) {
  return `  // ${code}: written by npm run new:check; the check is in ${familyFile}. Replace each TODO.
  ${code}: kase({
    fires: 'TODO: the smallest realistic case of the problem',
    silent: 'TODO: the nearest case that is not a problem (just inside the rule)',
    // TODO: the valid tracker with the value in the ONE field that crosses the rule, e.g.
    //   build: (value: number) => withPupil('P02', { fundedHours: value }),
    build: (_value: string) => tracker(validTracker()),
    firing: 'TODO',
    nearMiss: 'TODO',
    cells: ['TODO!A1'],
    message: 'TODO: the finding’s message, word for word',
  }),
`;
}

run('new:check', USAGE, ['family'], build);
