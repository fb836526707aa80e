// developerMetadata.search and .get: find the metadata set-up puts on our tabs (`caseload:tab` = key).
import { badRequest, notFound } from './errors';
import type { DeveloperMetadata, SpreadsheetState } from './state';

interface Lookup {
  metadataId?: number;
  metadataKey?: string;
  metadataValue?: string;
  locationType?: string;
  visibility?: string;
  metadataLocation?: { sheetId?: number; spreadsheet?: boolean; locationType?: string };
}

interface DataFilter {
  developerMetadataLookup?: Lookup;
}

function matches(m: DeveloperMetadata, l: Lookup): boolean {
  if (l.metadataId !== undefined && m.metadataId !== l.metadataId) return false;
  if (l.metadataKey !== undefined && m.metadataKey !== l.metadataKey) return false;
  if (l.metadataValue !== undefined && m.metadataValue !== l.metadataValue) return false;
  if (l.visibility !== undefined && m.visibility !== l.visibility) return false;
  if (l.locationType !== undefined && m.location.locationType !== l.locationType) return false;
  const at = l.metadataLocation;
  if (at?.sheetId !== undefined && !(m.location.locationType === 'SHEET' && m.location.sheetId === at.sheetId)) return false;
  if (at?.spreadsheet && m.location.locationType !== 'SPREADSHEET') return false;
  return true;
}

export function searchMetadata(s: SpreadsheetState, body: { dataFilters?: DataFilter[] }) {
  const filters = body.dataFilters;
  if (!Array.isArray(filters) || filters.length === 0) throw badRequest('Must specify at least one data filter.');
  const hits = new Map<number, { developerMetadata: DeveloperMetadata; dataFilters: DataFilter[] }>();
  for (const f of filters) {
    if (!f.developerMetadataLookup) throw badRequest('Only developerMetadataLookup data filters are supported by this server.');
    for (const m of s.developerMetadata) {
      if (!matches(m, f.developerMetadataLookup)) continue;
      const hit = hits.get(m.metadataId) ?? { developerMetadata: m, dataFilters: [] };
      hit.dataFilters.push(f);
      hits.set(m.metadataId, hit);
    }
  }
  // Google leaves the field out entirely when nothing matched.
  return hits.size ? { matchedDeveloperMetadata: [...hits.values()] } : {};
}

export function getMetadata(s: SpreadsheetState, metadataId: number): DeveloperMetadata {
  const m = s.developerMetadata.find((x) => x.metadataId === metadataId);
  if (!m) throw notFound();
  return m;
}
