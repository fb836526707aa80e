// The detector's public shapes, shared by the scanner, the page watcher and the content script.

import type { SiteAdapter } from '../sites/types';

export interface PupilMatch {
  /** The element that holds the pupil's name/identifier; the overlay puts its badge right after it. */
  element: Element;
  /** One id, or several when the text is ambiguous (two pupils with the same name): the UI shows both, never guesses. */
  pupilIds: string[];
  via: 'adapter' | 'rule' | 'name' | 'upn' | 'misId';
  /**
   * Where the mention's own text ends: the text node holding its last character and the offset just after it.
   * The badge goes exactly there, so two names in one paragraph get two badges, each right after its name, and a
   * caption or id later in the same element never pushes the badge away from the name.
   */
  mention?: MentionEnd;
  /** Set when a same-name match was settled by what its row shows (class, year or UPN), not by the name alone. */
  decidedBy?: 'class' | 'year' | 'upn' | 'page';
}

export interface MentionEnd {
  node: Text;
  end: number;
}

/** The pupil a page is about (a profile page), found by an adapter or by the generic title/heading/URL reading. */
export interface PagePupil {
  /** The match(es) that carry the page's one badge for this pupil (normally the heading's name). */
  matches: PupilMatch[];
  pupilIds: ReadonlySet<string>;
  /** How it was found: the adapter's header, the page's main heading, its title, or an id in its URL. */
  via: 'adapter' | 'heading' | 'title' | 'url';
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
  /**
   * The page's pupil when the caller has already worked it out for this document (the watcher does once per
   * batch); undefined means "work it out", null means "this page is about no one pupil".
   */
  pagePupil?: PagePupil | null;
}
