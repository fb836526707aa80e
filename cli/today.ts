// "Today" for the CLI: the calendar date in the school's time zone (a check run at 00:30 in British Summer Time
// is already tomorrow in London, but still today in UTC).
import { isIsoDate, trackerToday } from '../shared/index';
import type { IsoDate } from '../shared/index';
import { UsageError } from './args';

/** The `--today` option, or today in Europe/London. */
export function resolveToday(option: string | undefined): IsoDate {
  if (option === undefined) return trackerToday(Date.now());
  if (!isIsoDate(option)) throw new UsageError(`--today must be a date written YYYY-MM-DD, e.g. 2026-11-23 (got "${option}").`);
  return option;
}
