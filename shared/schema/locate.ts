// Turning (tab, field, row) into the A1 cell a finding points at, using where the tracker's columns really are.
import type { Finding, TabKey, TrackerLayout } from '../model';
import { a1Cell } from './a1';
import { tabSpec } from './tabs';

/** The sheet name and A1 cell for a field of a record. Falls back to the canonical tab name and the field's
 * canonical column when the layout does not know it (records built in code rather than read from a sheet). */
export function locate(
  layout: TrackerLayout,
  tab: TabKey,
  field: string | undefined,
  row: number | undefined,
): { tab: string; cell: string } {
  const spec = tabSpec(tab);
  const tl = layout[tab];
  const name = tl?.name ?? spec.name;
  let col = field !== undefined ? tl?.columns[field] : undefined;
  if (col === undefined) {
    const canonical = field === undefined ? -1 : spec.fields.findIndex((f) => f.key === field);
    col = Math.max(canonical, 0);
  }
  return { tab: name, cell: a1Cell(name, col, row ?? 1) };
}

/** Build a finding located at a field of a record. */
export function findingAt(
  layout: TrackerLayout,
  where: { tab: TabKey; field?: string; row?: number },
  f: Omit<Finding, 'tab' | 'cell'>,
): Finding {
  return { ...f, ...locate(layout, where.tab, where.field, where.row) };
}
