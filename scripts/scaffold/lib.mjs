// What the three scaffolds share: argument parsing, the refusal rules, anchored edits of registration files, and
// a plan that is checked completely before anything is written (so a missing anchor never leaves half a scaffold).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Refusals (a bad name, a name taken, a missing anchor) exit 2, like the CLI's "input could not be used". */
export class ScaffoldError extends Error {}

// Names that cannot be a `const` binding: a scaffold would write code that does not compile.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval'
  ).split(' '),
);

export function isReserved(identifier) {
  return RESERVED.has(identifier);
}

/** `--root <dir>`, `--dry-run`, `--help`, one positional name and any `--<flag> <value>` the scaffold allows. */
export function parseArgs(argv, valueFlags = []) {
  const out = { root: REPO_ROOT, dryRun: false, help: false, name: undefined, values: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--root' || valueFlags.includes(a.slice(2))) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ScaffoldError(`${a} needs a value.`);
      if (a === '--root') out.root = resolve(v);
      else out.values[a.slice(2)] = v;
    } else if (a.startsWith('-')) throw new ScaffoldError(`unknown option ${a}.`);
    else if (out.name === undefined) out.name = a;
    else throw new ScaffoldError(`one name only (got "${out.name}" and "${a}").`);
  }
  return out;
}

/**
 * A set of file creations and edits against one root. Edits read the current text (or the text an earlier step
 * of this plan produced), so every anchor is checked before the first byte is written.
 */
export class Plan {
  constructor(root) {
    this.root = root;
    this.files = new Map(); // relative path → { text, created }
  }

  exists(path) {
    return this.files.has(path) || existsSync(join(this.root, path));
  }

  read(path) {
    if (this.files.has(path)) return this.files.get(path).text;
    const full = join(this.root, path);
    if (!existsSync(full)) throw new ScaffoldError(`${path} is missing under ${this.root}; is --root the repository root?`);
    return readFileSync(full, 'utf8');
  }

  create(path, text) {
    if (this.exists(path)) throw new ScaffoldError(`${path} already exists; pick another name.`);
    this.files.set(path, { text, created: true });
  }

  /** Replace the one match of `anchor` (a string or a RegExp) with `replace(match)`; `what` names it in errors. */
  edit(path, anchor, replace, what) {
    const text = this.read(path);
    const re = typeof anchor === 'string' ? new RegExp(escapeRegExp(anchor)) : anchor;
    const matches = [...text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))];
    if (matches.length !== 1) {
      throw new ScaffoldError(
        `${path}: expected exactly one ${what} (anchor ${re}) but found ${matches.length}. ` +
          'The file has changed shape since this scaffold was written: add the registration by hand and update the anchor in scripts/scaffold/.',
      );
    }
    const m = matches[0];
    const next = text.slice(0, m.index) + replace(m[0], m) + text.slice(m.index + m[0].length);
    const created = this.files.get(path)?.created ?? false;
    this.files.set(path, { text: next, created });
  }

  /** Add `text` at the end of an existing file, one blank line after what is there. */
  append(path, text) {
    const before = this.read(path).replace(/\n*$/, '\n');
    const created = this.files.get(path)?.created ?? false;
    this.files.set(path, { text: `${before}\n${text}`, created });
  }

  /** What would be written, for --dry-run and for the final summary. */
  describe() {
    return [...this.files.entries()].map(([p, f]) => `  ${f.created ? 'create' : 'change'}  ${p}`).join('\n');
  }

  write() {
    for (const [p, f] of this.files) {
      const full = join(this.root, p);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, f.text);
    }
  }
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Insert `line` among the consecutive import lines matching `pattern`, keeping them sorted by module path
 * (the linter's import order), i.e. before the first import whose path sorts after the new one. */
export function insertImportSorted(plan, path, line, pattern, newPath) {
  const text = plan.read(path);
  const imports = text.split('\n').filter((l) => pattern.test(l));
  if (imports.length === 0) throw new ScaffoldError(`${path}: no import matching ${pattern} to place the new import beside.`);
  const pathOf = (l) => /from '([^']+)'/.exec(l)?.[1] ?? '';
  const after = imports.find((l) => pathOf(l) > newPath);
  if (after) plan.edit(path, new RegExp(`^${escapeRegExp(after)}$`, 'm'), (m) => `${line}\n${m}`, `import line "${after}"`);
  else {
    const last = imports[imports.length - 1];
    plan.edit(path, new RegExp(`^${escapeRegExp(last)}$`, 'm'), (m) => `${m}\n${line}`, `import line "${last}"`);
  }
}

/** Run a scaffold's main: print help, the plan (dry run) or write it; refusals print one clear line and exit 2. */
export function run(label, usage, valueFlags, build) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), valueFlags);
    if (args.help) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    if (args.name === undefined) throw new ScaffoldError('give a name.');
    const plan = new Plan(args.root);
    const next = build(args, plan);
    if (args.dryRun) {
      process.stdout.write(
        `Would write (dry run, nothing written) under ${relative(process.cwd(), args.root) || '.'}:\n${plan.describe()}\n`,
      );
      return;
    }
    plan.write();
    process.stdout.write(`Wrote:\n${plan.describe()}\n\nNext:\n${next}\n`);
  } catch (e) {
    if (!(e instanceof ScaffoldError)) throw e;
    process.stderr.write(`${label}: ${e.message}\n\n${usage}\n`);
    process.exitCode = 2;
  }
}
