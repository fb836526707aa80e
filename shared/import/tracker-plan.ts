// An import written into a tracker (the CLI's `import-caseload` on an .xlsx or a Google Sheet): the preview's merge
// as workbook changes. New pupils and targets are appended under the tab's own header; a pupil the merge matched
// (by Pupil ID, UPN or admission number) has only the cells of the fields that changed replaced, in its own row,
// so every other cell of that row (a school's own columns too), every other tab (Targets, Log with its notes,
// Reviews) and every pupil not in the file stay exactly as they were. Nothing is deleted: leavers are listed.
import type { CellValue, Pupil } from '../model';
import { a1Cell } from '../schema/a1';
import { isBlankCell } from '../schema/cells';
import { findTabs, matchHeader } from '../schema/parse';
import { recordToRow } from '../schema/serialise';
import { tabSpec } from '../schema/tabs';
import { applyChanges, planImport, type SetupPlan } from '../setup';
import type { Workbook } from '../workbook';
import type { ImportPreview } from './preview';

export interface TrackerImportPlan extends SetupPlan {
  /** New pupils or targets appended. */
  imported: number;
  /** Existing pupils whose row had cells replaced. */
  updated: number;
}

/** 1-based rows of the tab's grid holding each ID (a copied row gives an ID two rows). */
function rowsById(grid: readonly (readonly CellValue[])[], idCol: number | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (idCol === undefined) return out;
  grid.forEach((row, r) => {
    const v = row[idCol];
    if (r === 0 || isBlankCell(v)) return;
    const id = String(v).trim();
    out.set(id, [...(out.get(id) ?? []), r + 1]);
  });
  return out;
}

/** The replaced cells of the pupils the merge updated, in the workbook as it is once set-up has run. */
function pupilUpdates(after: Workbook, preview: ImportPreview): Pick<SetupPlan, 'changes' | 'added' | 'skipped'> & { updated: number } {
  const out = { changes: [] as SetupPlan['changes'], added: [] as string[], skipped: [] as string[], updated: 0 };
  if (preview.merge.updated.length === 0) return out;
  const metadata: Record<string, Record<string, string>> = {};
  for (const s of after.sheets) if (s.metadata) metadata[s.name] = s.metadata;
  const sheet = findTabs(
    after.sheets.map((s) => s.name),
    metadata,
  ).pupils!;
  const grid = after.sheets.find((s) => s.name === sheet)!.values;
  const header = grid[0] ?? [];
  const { columns } = matchHeader(tabSpec('pupils'), header);
  const rows = rowsById(grid, columns['id']);
  const merged = new Map<string, Pupil>(preview.result.pupils.map((p) => [p.id, p]));
  for (const u of preview.merge.updated) {
    const at = rows.get(u.id) ?? [];
    const pupil = merged.get(u.id);
    if (at.length !== 1 || !pupil) {
      const cells = at.map((r) => a1Cell(sheet, columns['id'] ?? 0, r)).join(' and ');
      out.skipped.push(
        at.length > 1
          ? `${u.name} (${u.id}) is on ${cells}, so neither row was changed; the file says: ${u.changes.join('; ')}.`
          : `${u.name} (${u.id}) was not found in ${sheet}; the file says: ${u.changes.join('; ')}.`,
      );
      continue;
    }
    const row = at[0]!;
    const values = recordToRow('pupils', pupil, header);
    for (const key of u.fields) {
      const column = columns[key];
      if (column !== undefined) out.changes.push({ kind: 'replaceCell', sheet, row, column, value: values[column] ?? null });
    }
    out.updated++;
  }
  if (out.updated > 0)
    out.added.push(`Updated ${out.updated} pupil${out.updated === 1 ? '' : 's'} in ${sheet} (only the cells that changed).`);
  return out;
}

/**
 * The changes that store an import preview in a tracker workbook: set-up (so the tab and any column the file brings
 * exist), new pupils and targets appended, and matched pupils' changed cells replaced. What is written is what the
 * preview listed: `merge.added`, `merge.updated` and `fileTargetIds`.
 */
export function planTrackerImport(wb: Workbook, preview: ImportPreview): TrackerImportPlan {
  const added = new Set(preview.merge.added.map((a) => a.id));
  const fileTargets = new Set(preview.fileTargetIds);
  const pupils = planImport(
    wb,
    'pupils',
    preview.result.pupils.filter((p) => added.has(p.id)),
  );
  const targetRecords = preview.result.targets.filter((t) => fileTargets.has(t.id));
  const afterPupils = applyChanges(wb, pupils.changes);
  const targets = targetRecords.length > 0 ? planImport(afterPupils, 'targets', targetRecords) : undefined;
  const updates = pupilUpdates(afterPupils, preview);
  return {
    changes: [...pupils.changes, ...(targets?.changes ?? []), ...updates.changes],
    added: [...pupils.added, ...(targets?.added ?? []), ...updates.added],
    skipped: [...pupils.skipped, ...(targets?.skipped ?? []), ...updates.skipped],
    imported: pupils.imported + (targets?.imported ?? 0),
    updated: updates.updated,
  };
}
