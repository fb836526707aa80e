// What a site adapter knows about one MIS product: which URLs are its pages, and where on those pages the
// pupil's identity and name live. Adapters are a fast path; the generic detector (extension/detect) is the
// safety net for every page an adapter does not understand.

export type SiteAdapterId = 'arbor' | 'bromcom' | 'sims' | 'scholarpack' | 'gibbon';

/** The pupil a profile page is about. */
export interface CurrentPupil {
  /** The MIS's own id for the pupil, read from the URL or the DOM. */
  misId?: string;
  /** The header element that shows the pupil's name (the overlay puts its badge right after it). */
  nameElement?: Element;
}

export interface SiteAdapter {
  id: SiteAdapterId;
  /** Product name as schools know it, e.g. "Arbor". */
  name: string;
  /** Match patterns for optional_host_permissions, e.g. '*://*.arbor.sc/*'. */
  hostPatterns: string[];
  /** True for URLs of this product (host and path; scheme and port are ignored). */
  matches(url: URL): boolean;
  /** Profile pages: the pupil the page is about. Undefined when the page is not a single pupil's page. */
  currentPupil?(doc: Document, url: URL): CurrentPupil | undefined;
  /** List/register pages: elements whose text is a pupil's name (fast path before the generic detector). */
  nameElements?(root: ParentNode): Element[];
}
