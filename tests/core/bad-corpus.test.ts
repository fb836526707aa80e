// Every bad input gets a clear answer: the corpus of tests/fixtures/bad/ (manifest.json) through the CLI, the
// core and the add-on in its vm. For each case: the exit code README promises, a message naming the file and
// what to do, no stack trace or library text, and the input file unchanged (hash before and after).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../cli/xlsx';
import { checkWorkbook, checkZipDirectory, gridsOf } from '../../shared/index';
import { parseCaseloadCsv } from '../../shared/csv';
import { GENERATED_ONLY, writeCorpus } from '../support/bad-corpus';
import { buildAddon, loadAddon, type Built } from '../addon/harness';
import { runMain } from '../cli/run-main';

interface Case {
  file: string;
  kind: 'tracker' | 'csv' | 'path';
  command?: string[];
  expectCode: 0 | 1 | 2;
  expectMessage: string;
  modelledOn: string;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'bad');
const { cases } = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { cases: Case[] };
const TODAY = '2026-11-23';
// Library and machinery words a SENCo must never see.
const LEAKS = [
  /\n\s+at\s/,
  /jszip/i,
  /exceljs/i,
  /\bsax/i,
  /\.tmp\b/,
  /TypeError|RangeError|ENOENT|EISDIR|ERR_/,
  /Can't find end of central directory/,
  /https?:\/\/\S*(github|stuk)/,
];

let dir = '';
let tracker = '';
let built: Built;
const tally = { tried: 0, clear: 0, crashes: 0, changed: 0, addonRuns: 0, coreRuns: 0 };

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-bad-'));
  // Committed small cases are used as committed; the big and binary ones are made now.
  for (const c of cases) if (c.kind !== 'path' && !GENERATED_ONLY.has(c.file)) copyFileSync(join(FIXTURES, c.file), join(dir, c.file));
  await writeCorpus(dir, (name) => GENERATED_ONLY.has(name));
  tracker = join(dir, 'good-tracker.xlsx');
  expect((await runMain(['init', tracker, '--demo'])).code).toBe(0);
  built = buildAddon();
}, 300_000);

afterAll(() => {
  // The closing note's figures (issue 13): printed so a run shows them.
  console.log(
    `bad-input corpus: ${tally.tried} tried, ${tally.clear} clear answers, ${tally.crashes} crashes, ${tally.changed} files changed; core ran on ${tally.coreRuns}, add-on vm on ${tally.addonRuns}`,
  );
});

function argsFor(c: Case, target: string): string[] {
  if (c.kind === 'path') return c.command!.map((a) => a.replaceAll('{dir}', dir).replaceAll('{tracker}', tracker));
  if (c.kind === 'csv') {
    const copy = join(dir, `import-into-${c.file}.xlsx`);
    copyFileSync(tracker, copy);
    return ['import-caseload', copy, target];
  }
  return ['check', target, '--today', TODAY];
}

describe('the bad-input corpus', { timeout: 300_000 }, () => {
  it('has at least 60 cases, each saying what it is modelled on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) expect(c.modelledOn.length, c.file).toBeGreaterThan(5);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    tally.tried++;
    const target = join(dir, c.file);
    const isFile = c.kind !== 'path' && existsSync(target);
    const before = isFile ? sha(target) : undefined;
    const trackerBefore = sha(tracker);

    // 1. The CLI.
    const res = await runMain(argsFor(c, target));
    const said = `${res.stdout}\n${res.stderr}`;
    // A crash: an exit code README does not list, or an unhandled error showing through (a stack, a raw
    // TypeError, a library's own words): the CLI's last-resort handler turns a throw into exit 2 with its message.
    if (![0, 1, 2].includes(res.code) || LEAKS.some((leak) => leak.test(said))) tally.crashes++;
    expect([0, 1, 2]).toContain(res.code);
    expect(res.code, said).toBe(c.expectCode);
    expect(said).toContain(c.expectMessage);
    for (const leak of LEAKS) expect(said, `${c.file} leaks ${leak}`).not.toMatch(leak);
    if (res.code === 2)
      expect(res.stderr, 'an unusable input is named in the message').toMatch(
        new RegExp(c.kind === 'path' ? '\\S' : c.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );

    // Nothing the user gave is changed: not the bad input, not the tracker (imports go to a copy).
    const changed = (isFile && sha(target) !== before) || sha(tracker) !== trackerBefore;
    if (changed) tally.changed++;
    expect(changed).toBe(false);

    // 2. The core, on what the CLI could read.
    if (c.kind === 'tracker') {
      const verdict = checkZipDirectory(new Uint8Array(readFileSync(target)));
      tally.coreRuns++;
      if (c.expectCode === 2 && !verdict.ok) expect(said).toContain(verdict.message.slice(0, 30));
      if (c.expectCode !== 2) {
        const wb = await readWorkbook(target);
        const checked = checkWorkbook(gridsOf(wb), TODAY);
        if (c.expectMessage.startsWith('DATA_')) expect(checked.findings.map((f) => f.code)).toContain(c.expectMessage);
        // 3. The add-on in its vm, on the same workbook as a Sheet would hold it (files over 1 MB are left to the
        // CLI: the vm stand-in is not a load test).
        if (statSync(target).size < 1_000_000) {
          const addon = loadAddon(built, wb, { now: new Date(`${TODAY}T10:00:00Z`) });
          const result = addon.run<{ findings: unknown[] }>('checkTracker');
          expect(Array.isArray(result.findings)).toBe(true);
          tally.addonRuns++;
        }
      }
    } else if (c.kind === 'csv' && c.expectCode !== 2) {
      tally.coreRuns++;
      const parsed = parseCaseloadCsv(readFileSync(target, 'utf8'));
      // A CLI refusal (1) is a core error too; a file stored without a bad value (0) still has that value named.
      if (c.expectCode === 1) expect(parsed.errors.length).toBeGreaterThan(0);
    }
    tally.clear++;
  });

  // Runs after every case above (tests in a file run in order): the closing note's figures, checked.
  it('tally: every bad input tried got a clear answer, none crashed, no file changed', () => {
    expect(tally.tried).toBe(cases.length);
    expect(tally.clear).toBe(tally.tried);
    expect(tally.crashes).toBe(0);
    expect(tally.changed).toBe(0);
    // The core saw every tracker and every CSV the CLI could read; the add-on vm every readable tracker under 1 MB.
    expect(tally.coreRuns).toBe(cases.filter((c) => c.kind === 'tracker' || (c.kind === 'csv' && c.expectCode !== 2)).length);
    expect(tally.addonRuns).toBeGreaterThanOrEqual(20);
  });
});
