// Helpers shared by the check tests.
import type { CheckCode, Finding, Tracker } from '../../shared/model';
import { runChecks } from '../../shared/checks';
import { TODAY } from './fixtures';

/** Findings of one code from a full run, so a test also proves the code comes through runChecks. */
export function findingsOf(tracker: Tracker, code: CheckCode, today = TODAY): Finding[] {
  return runChecks(tracker, today).filter((f) => f.code === code);
}

/** The parts of findings a test pins down: code, severity, cell and ids. */
export function brief(
  findings: readonly Finding[],
): { code: string; severity: string; cell: string; pupilId?: string; staffId?: string }[] {
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    cell: f.cell,
    ...(f.pupilId !== undefined ? { pupilId: f.pupilId } : {}),
    ...(f.staffId !== undefined ? { staffId: f.staffId } : {}),
  }));
}
