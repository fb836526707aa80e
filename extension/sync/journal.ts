// The sync journal over a key/value area: the ids of the batch in flight, written before the append is sent and
// cleared once the sheet confirmed it. If the service worker dies in between, the next run checks the sheet first.
import type { SyncJournal } from '../../shared/sync';
import { KEYS, type KeyValueArea } from './kv';

export class KvJournal implements SyncJournal {
  constructor(private readonly kv: KeyValueArea) {}

  async inFlight(): Promise<string[]> {
    const v = await this.kv.get(KEYS.inFlight);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async setInFlight(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) await this.kv.remove(KEYS.inFlight);
    else await this.kv.set(KEYS.inFlight, [...ids]);
  }
}
