// Every call the add-on makes into the fake is written down here, so tests can count SpreadsheetApp calls per
// run, see which calls wrote, and check that writes happened while the document lock was held.

export interface CallRecord {
  /** `Class.method`, e.g. `Range.getValues`. */
  name: string;
  /** Whether the call changes the document. */
  write: boolean;
  /** Whether the document lock was held when the call was made. */
  locked: boolean;
  /** A short description of the target (sheet name, A1) to make failures readable. */
  target?: string;
}

/** Methods that change the spreadsheet. */
const WRITES = new Set([
  'Range.setValues',
  'Range.setNotes',
  'Range.setDataValidation',
  'Range.setFontWeight',
  'Range.setBackground',
  'Range.setNumberFormat',
  'Range.setWrap',
  'Range.addDeveloperMetadata',
  'Range.clearContent',
  'Sheet.insertColumnsAfter',
  'Sheet.insertRowsAfter',
  'Sheet.setFrozenRows',
  'Sheet.clear',
  'Sheet.setConditionalFormatRules',
  'Sheet.protect',
  'Protection.setDescription',
  'Protection.setWarningOnly',
  'Sheet.addDeveloperMetadata',
  'DeveloperMetadata.setValue',
  'Sheet.removeChart',
  'Sheet.insertChart',
  'Sheet.setColumnWidth',
  'Spreadsheet.insertSheet',
]);

export class Recorder {
  readonly calls: CallRecord[] = [];
  lockHeld = false;

  record(name: string, target?: string): void {
    const rec: CallRecord = { name, write: WRITES.has(name), locked: this.lockHeld };
    if (target !== undefined) rec.target = target;
    this.calls.push(rec);
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** Calls into the Spreadsheet service (everything but Ui, HtmlService and LockService). */
  spreadsheetCalls(): CallRecord[] {
    return this.calls.filter((c) => !/^(Ui|Menu|HtmlService|HtmlOutput|LockService|Lock|Utilities|Session)\./.test(c.name));
  }

  writes(): CallRecord[] {
    return this.calls.filter((c) => c.write);
  }

  count(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }
}
