// The detector's public shapes, shared by the scanner, the page watcher and the content script.

import type { SiteAdapter } from '../sites/types';

export interface PupilMatch {
  /** The element that holds the pupil's name/identifier; the overlay puts its badge right after it. */
  element: Element;
  /** One id, or several when the text is ambiguous (two pupils with the same name): the UI shows both, never guesses. */
  pupilIds: string[];
  via: 'adapter' | 'rule' | 'name' | 'upn' | 'misId';
}

/** "Teach a site": on pages of `origin`, the element(s) matching `selector` hold a pupil's name. */
export interface SiteRule {
  /** `location.origin`, e.g. "https://mis.example.sch.uk". */
  origin: string;
  selector: string;
}

export interface ScanOptions {
  adapter?: SiteAdapter;
  rules?: readonly SiteRule[];
  /** Our own UI (and anything else the caller wants left alone): the element and its subtree are skipped. */
  ignore?: (el: Element) => boolean;
  /** The page URL for the adapter and rules; defaults to the document's location. */
  url?: URL;
}
