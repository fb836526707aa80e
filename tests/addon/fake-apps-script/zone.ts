// How SpreadsheetApp turns cell dates into Date objects and back. A workbook (exceljs, our in-memory model)
// stores a date or time as a Date whose UTC fields are the wall clock; Apps Script gives the instant at that
// wall clock in the spreadsheet's time zone (midnight BST is 23:00 UTC the day before; 08:50 on 30/12/1899 in
// Dublin is 09:15:21 UTC, Dublin Mean Time). The fake converts both ways so the add-on meets real-shaped Dates.
import { wallClock } from '../../../sheets-addon/server/zone';

function offsetMinutes(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return (asUtc - Math.floor(instant / 1000) * 1000) / 60_000;
}

/** Workbook date (wall clock in UTC fields) → the instant Apps Script would return. */
export function toAppsScriptDate(cell: Date, timeZone: string, makeDate: (ms: number) => Date = (ms) => new Date(ms)): Date {
  const wall = cell.getTime();
  // Two passes settle the offset across a daylight-saving change.
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return makeDate(guess);
}

/** An instant written through setValues → workbook date (its wall clock in the sheet's zone, in UTC fields). */
export function fromAppsScriptDate(d: Date, timeZone: string): Date {
  const w = wallClock(d, timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** A Date from any realm (the add-on runs in a vm context whose Date is not this module's Date). */
export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
