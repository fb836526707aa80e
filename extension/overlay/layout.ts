// Where the panel sits: docked right, left or along the bottom, open or collapsed to a slim bar. The LSA's
// choice is remembered (chrome.storage.local, in the extension's own storage, never the MIS page's), and a
// panel that would cover the badge it was opened from is put on the other side for that opening.

export const DOCKS = ['right', 'left', 'bottom'] as const;
export type Dock = (typeof DOCKS)[number];

export interface PanelLayout {
  dock: Dock;
  collapsed: boolean;
}

export const DEFAULT_LAYOUT: PanelLayout = { dock: 'right', collapsed: false };

/** The panel's width when docked left or right (CSS px; PANEL_CSS uses the same figure). */
export const SIDE_WIDTH = 320;
/** The bottom dock's height limit as a share of the viewport (PANEL_CSS: max-height 42vh). */
export const BOTTOM_SHARE = 0.42;

export interface LayoutStore {
  get(): Promise<PanelLayout>;
  set(layout: PanelLayout): Promise<void>;
}

const KEY = 'panelLayout';

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The extension's storage when running as the extension; memory otherwise (tests, other hosts). */
export function defaultLayoutStore(): LayoutStore {
  const area = (globalThis as unknown as { chrome?: { storage?: { local?: StorageArea } } }).chrome?.storage?.local;
  let memory = DEFAULT_LAYOUT;
  return {
    async get() {
      if (!area) return memory;
      try {
        return parseLayout((await area.get(KEY))[KEY]);
      } catch {
        return DEFAULT_LAYOUT;
      }
    },
    async set(layout) {
      memory = layout;
      try {
        await area?.set({ [KEY]: layout });
      } catch {
        // Remembering is a convenience: the panel still works where storage is not available.
      }
    },
  };
}

export function parseLayout(value: unknown): PanelLayout {
  const v = (value ?? {}) as Partial<PanelLayout>;
  return { dock: DOCKS.includes(v.dock as Dock) ? (v.dock as Dock) : 'right', collapsed: v.collapsed === true };
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The dock to use for one opening: the remembered one, unless the panel there would cover the badge it was
 * opened from (the MIS's name column), in which case the opposite side.
 */
export function dockAwayFrom(dock: Dock, opener: Box | undefined, viewport: { width: number; height: number }): Dock {
  if (!opener) return dock;
  const width = Math.min(SIDE_WIDTH, viewport.width - 24) + 12;
  if (dock === 'right' && opener.right > viewport.width - width) return 'left';
  if (dock === 'left' && opener.left < width) return 'right';
  if (dock === 'bottom' && opener.bottom > viewport.height * (1 - BOTTOM_SHARE) - 12)
    return opener.left < viewport.width / 2 ? 'right' : 'left';
  return dock;
}
