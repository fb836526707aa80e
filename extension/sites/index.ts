// The registry of site adapters. The content script asks adapterFor(location) once per page (and again after
// SPA navigation); pages no adapter claims still get the generic detector.

import { arbor } from './arbor';
import { bromcom } from './bromcom';
import { gibbon } from './gibbon';
import { scholarpack } from './scholarpack';
import { sims } from './sims';
import type { SiteAdapter } from './types';

export type { CurrentPupil, SiteAdapter, SiteAdapterId } from './types';

export const ADAPTERS: SiteAdapter[] = [arbor, bromcom, sims, scholarpack, gibbon];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}

/** Host patterns of every adapter, for optional_host_permissions. */
export function adapterHostPatterns(): string[] {
  return [...new Set(ADAPTERS.flatMap((a) => a.hostPatterns))];
}
