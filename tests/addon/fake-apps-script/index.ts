// The Apps Script globals the add-on sees (SpreadsheetApp, HtmlService, LockService, ScriptApp, Charts, Session,
// Utilities, PropertiesService), built over a FakeSpreadsheet and a Recorder. `globals` is what a vm context gets.
import { randomUUID } from 'node:crypto';
import type { Workbook } from '../../../shared/workbook';
import { Recorder } from './recorder';
import { AppsScriptError, FakeConditionalFormatRuleBuilder, FakeDataValidationBuilder, FakeSpreadsheet } from './spreadsheet';
import { isoDateIn, wallClock } from '../../../sheets-addon/server/zone';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

export interface FakeOptions {
  workbook: Workbook;
  timeZone?: string;
  authMode?: AuthMode;
  /** HTML files of the project by name without `.html` (the built sidebars). */
  files?: Record<string, string>;
}

export interface ShownHtml {
  content: string;
  title?: string;
  width?: number;
  height?: number;
}

export class FakeHtmlOutput {
  title: string | undefined;
  width: number | undefined;
  height: number | undefined;
  constructor(
    readonly content: string,
    private readonly rec: Recorder,
  ) {}
  setTitle(title: string): this {
    this.rec.record('HtmlOutput.setTitle');
    this.title = title;
    return this;
  }
  setWidth(width: number): this {
    this.rec.record('HtmlOutput.setWidth');
    this.width = width;
    return this;
  }
  setHeight(height: number): this {
    this.rec.record('HtmlOutput.setHeight');
    this.height = height;
    return this;
  }
  getContent(): string {
    this.rec.record('HtmlOutput.getContent');
    return this.content;
  }
}

function permissionError(method: string, scope: string): AppsScriptError {
  return new AppsScriptError(`You do not have permission to call ${method}. Required permissions: ${scope}`);
}

export class FakeAppsScript {
  readonly rec = new Recorder();
  readonly ss: FakeSpreadsheet;
  readonly timeZone: string;
  authMode: AuthMode;
  readonly addonMenus: ({ caption: string; functionName: string } | 'separator')[][] = [];
  readonly sidebars: ShownHtml[] = [];
  readonly dialogs: ShownHtml[] = [];
  readonly alerts: { title: string; prompt?: string }[] = [];
  private readonly files: Record<string, string>;

  constructor(opts: FakeOptions) {
    this.timeZone = opts.timeZone ?? 'Europe/London';
    this.authMode = opts.authMode ?? 'FULL';
    this.files = opts.files ?? {};
    this.ss = new FakeSpreadsheet(opts.workbook, { rec: this.rec, timeZone: this.timeZone, makeDate: (ms) => this.makeDate(ms) });
  }

  private makeDate: (ms: number) => Date = (ms) => new Date(ms);

  /** Make the Dates the fake hands over in the add-on's realm (call with the vm context's Date). */
  useDateConstructor(D: DateConstructor): void {
    this.makeDate = (ms) => new D(ms);
  }

  private requireAuth(method: string, scope = 'https://www.googleapis.com/auth/spreadsheets.currentonly'): void {
    if (this.authMode === 'NONE') throw permissionError(method, scope);
  }

  private shown(html: FakeHtmlOutput, title?: string): ShownHtml {
    const s: ShownHtml = { content: html.content };
    const t = title ?? html.title;
    if (t !== undefined) s.title = t;
    if (html.width !== undefined) s.width = html.width;
    if (html.height !== undefined) s.height = html.height;
    return s;
  }

  /** The globals Apps Script would provide, for a vm context. */
  globals(): Record<string, unknown> {
    const rec = this.rec;
    const fake = this;
    const ui = {
      ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL' },
      createAddonMenu() {
        rec.record('Ui.createAddonMenu');
        const items: ({ caption: string; functionName: string } | 'separator')[] = [];
        const menu = {
          addItem(caption: string, functionName: string) {
            rec.record('Menu.addItem');
            items.push({ caption, functionName });
            return menu;
          },
          addSeparator() {
            rec.record('Menu.addSeparator');
            items.push('separator');
            return menu;
          },
          addToUi() {
            rec.record('Menu.addToUi');
            fake.addonMenus.push(items);
          },
        };
        return menu;
      },
      showSidebar(html: FakeHtmlOutput) {
        rec.record('Ui.showSidebar');
        fake.requireAuth('Ui.showSidebar', 'https://www.googleapis.com/auth/script.container.ui');
        fake.sidebars.push(fake.shown(html));
      },
      showModalDialog(html: FakeHtmlOutput, title: string) {
        rec.record('Ui.showModalDialog');
        fake.requireAuth('Ui.showModalDialog', 'https://www.googleapis.com/auth/script.container.ui');
        fake.dialogs.push(fake.shown(html, title));
      },
      alert(title: string, prompt?: string) {
        rec.record('Ui.alert');
        fake.alerts.push(prompt === undefined ? { title } : { title, prompt });
        return 'OK';
      },
    };
    const lock = {
      waitLock(_ms: number) {
        rec.record('Lock.waitLock');
        if (rec.lockHeld) throw new AppsScriptError('Lock timeout: another process was holding the lock for too long.');
        rec.lockHeld = true;
      },
      tryLock(_ms: number) {
        rec.record('Lock.tryLock');
        if (rec.lockHeld) return false;
        rec.lockHeld = true;
        return true;
      },
      releaseLock() {
        rec.record('Lock.releaseLock');
        rec.lockHeld = false;
      },
      hasLock() {
        rec.record('Lock.hasLock');
        return rec.lockHeld;
      },
    };
    return {
      SpreadsheetApp: {
        getActiveSpreadsheet() {
          rec.record('SpreadsheetApp.getActiveSpreadsheet');
          fake.requireAuth('SpreadsheetApp.getActiveSpreadsheet');
          return fake.ss;
        },
        getActive() {
          rec.record('SpreadsheetApp.getActive');
          fake.requireAuth('SpreadsheetApp.getActive');
          return fake.ss;
        },
        getUi() {
          rec.record('SpreadsheetApp.getUi');
          return ui;
        },
        newDataValidation() {
          rec.record('SpreadsheetApp.newDataValidation');
          return new FakeDataValidationBuilder(fake.ss.fullEnv());
        },
        newConditionalFormatRule() {
          rec.record('SpreadsheetApp.newConditionalFormatRule');
          return new FakeConditionalFormatRuleBuilder(fake.ss.fullEnv());
        },
        flush() {
          rec.record('SpreadsheetApp.flush');
        },
        ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
      },
      HtmlService: {
        createHtmlOutputFromFile(name: string) {
          rec.record('HtmlService.createHtmlOutputFromFile');
          fake.requireAuth('HtmlService.createHtmlOutputFromFile', 'https://www.googleapis.com/auth/script.container.ui');
          const content = fake.files[name.replace(/\.html$/, '')];
          if (content === undefined) throw new AppsScriptError(`No HTML file named ${name} was found.`);
          return new FakeHtmlOutput(content, rec);
        },
        createHtmlOutput(html: string) {
          rec.record('HtmlService.createHtmlOutput');
          return new FakeHtmlOutput(html, rec);
        },
      },
      LockService: {
        getDocumentLock() {
          rec.record('LockService.getDocumentLock');
          fake.requireAuth('LockService.getDocumentLock', 'https://www.googleapis.com/auth/script.container.ui');
          return lock;
        },
      },
      ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } },
      Charts: { ChartType: { LINE: 'LINE', COLUMN: 'COLUMN', BAR: 'BAR' } },
      Session: {
        getScriptTimeZone() {
          rec.record('Session.getScriptTimeZone');
          return fake.timeZone;
        },
      },
      Utilities: {
        formatDate(date: Date, timeZone: string, format: string) {
          rec.record('Utilities.formatDate');
          const w = wallClock(date, timeZone);
          const pad = (n: number) => String(n).padStart(2, '0');
          if (format === 'yyyy-MM-dd') return isoDateIn(date, timeZone);
          if (format === 'HH:mm') return `${pad(w.hour)}:${pad(w.minute)}`;
          if (format === 'dd/MM/yyyy') return `${pad(w.day)}/${pad(w.month)}/${w.year}`;
          throw new Error(`fake Utilities.formatDate: format ${format} not modelled`);
        },
        // Utilities.getUuid(): "a UUID as a string" (developers.google.com/apps-script/reference/utilities/utilities#getUuid()).
        getUuid() {
          rec.record('Utilities.getUuid');
          return randomUUID();
        },
      },
      PropertiesService: {
        getDocumentProperties() {
          rec.record('PropertiesService.getDocumentProperties');
          fake.requireAuth('PropertiesService.getDocumentProperties', 'https://www.googleapis.com/auth/script.storage');
          throw new Error('fake: PropertiesService is not used by the add-on');
        },
      },
    };
  }

  /** The spreadsheet's current state as a Workbook. */
  workbook(): Workbook {
    return this.ss.toWorkbook();
  }

  /** `Sheet!A1` of the active range. */
  activeCell(): string | undefined {
    const a = this.ss.active;
    return a ? `${a.sheet.name}!${a.range.a1()}` : undefined;
  }
}

export { AppsScriptError, FakeSpreadsheet };
export type { CallRecord } from './recorder';
