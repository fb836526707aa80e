// Importing a caseload for local-only use (no Google account): the tracker .xlsx that `caseload init` makes (or any
// copy of the SENCo's Sheet downloaded as .xlsx), a CSV pupil list as an MIS exports it, or a CSV of targets.
// The file is read here (our small .xlsx reader, or text); everything else is the core's one import pipeline
// (`previewImport`): the same checks as `checkWorkbook`, the preview Options shows before anything is replaced, and
// the merge with the caseload already on the device. What is stored is `data`, built from the preview's result.
import {
  countsText,
  describePreview,
  findTabs,
  localDate,
  previewImport,
  targetEvidence,
  type ImportChoices,
  type ImportPreview,
  type ImportSource,
} from '../../shared/index';
import type { Caseload, CaseloadData } from '../store/caseload';
import { readXlsx } from './xlsx';

export interface FilePreview {
  preview: ImportPreview;
  /** What the store is given on confirm: the preview's result, plus evidence summarised from a tracker's Log. */
  data: CaseloadData;
  /** Targets whose evidence `data.evidence` replaces (the file's own targets). */
  evidenceFor: string[];
}

export class ImportError extends Error {}

/** Let the page paint a progress message between steps of a long import. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function sourceOf(fileName: string, bytes: Uint8Array, onStep?: (step: string) => void): Promise<ImportSource> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    let grids: Awaited<ReturnType<typeof readXlsx>>;
    onStep?.('Reading the spreadsheet…');
    await nextTask();
    try {
      grids = await readXlsx(bytes);
    } catch (e) {
      throw new ImportError(e instanceof Error ? e.message : 'The spreadsheet could not be read.');
    }
    if (findTabs(Object.keys(grids)).pupils === undefined)
      throw new ImportError('This workbook has no Pupils tab, so there is no caseload to import.');
    return { kind: 'workbook', name: fileName, grids };
  }
  if (lower.endsWith('.csv')) return { kind: 'csv', name: fileName, text: new TextDecoder().decode(bytes) };
  throw new ImportError('Choose an .xlsx tracker or a .csv file.');
}

/** `now` (ms) is "today" for the checks and ends the evidence window, as a date in the tracker's timezone. */
export async function previewCaseloadFile(
  fileName: string,
  bytes: Uint8Array,
  current: Caseload,
  opts: { now?: number; choices?: ImportChoices; onStep?: (step: string) => void } = {},
): Promise<FilePreview> {
  const source = await sourceOf(fileName, bytes, opts.onStep);
  if (source.kind === 'workbook') {
    let rows = 0;
    for (const g of Object.values(source.grids)) rows += g.length;
    opts.onStep?.(`Checking ${rows.toLocaleString('en-GB')} rows…`);
    await nextTask();
  }
  const now = opts.now ?? Date.now();
  const timezone = current.settings.timezone;
  const preview = previewImport(source, current, localDate(now, timezone), opts.choices);
  const { result } = preview;
  const settings = result.settings;
  let evidence: CaseloadData['evidence'];
  let evidenceFor: string[] = [];
  if (preview.kind === 'tracker') {
    const s = settings ?? current.settings;
    // The file's targets: their evidence is what the file's Log says; other targets keep what the device has.
    const own = new Set(preview.fileTargetIds);
    evidenceFor = [...own];
    evidence = targetEvidence(
      result.targets.filter((t) => own.has(t.id)),
      preview.logs,
      localDate(now, s.timezone),
      s.evidenceWindowDays,
      { effective: true },
    );
  }
  const data: CaseloadData = {
    pupils: result.pupils,
    targets: result.targets,
    staff: result.staff,
    rota: result.rota,
    ...(settings ? { settings } : {}),
    ...(evidence ? { evidence } : {}),
  };
  return { preview, data, evidenceFor };
}

export interface ImportResult {
  data: CaseloadData;
  /** Every line of the preview: what will be stored, and every row left out and why. */
  problems: string[];
  /** e.g. "30 pupils, 64 targets, 12 staff, 140 rota blocks" */
  summary: string;
}

/** The preview as plain lines, for callers with no preview UI (the demo's scripted import). */
export async function importCaseloadFile(
  fileName: string,
  bytes: Uint8Array,
  current: Caseload,
  now = Date.now(),
  onStep?: (step: string) => void,
): Promise<ImportResult> {
  const { preview, data } = await previewCaseloadFile(fileName, bytes, current, { now, ...(onStep ? { onStep } : {}) });
  return { data, problems: describePreview(preview).slice(1), summary: countsText(preview.counts) };
}
