// The panel's frame: a title bar that docks it right, left or along the bottom and collapses it to a slim bar,
// so it never has to sit over the MIS column the LSA is working in. The body is whatever the panel shows.
import type { ComponentChildren } from 'preact';
import { DOCKS, type Dock, type PanelLayout } from './layout';

const DOCK_LABEL: Record<Dock, { text: string; aria: string }> = {
  left: { text: '◧', aria: 'Dock on the left' },
  right: { text: '◨', aria: 'Dock on the right' },
  bottom: { text: '⬓', aria: 'Dock along the bottom' },
};

export interface PanelFrameProps {
  title: string;
  layout: PanelLayout;
  onLayout(layout: PanelLayout): void;
  onClose(): void;
  children: ComponentChildren;
}

export function PanelFrame({ title, layout, onLayout, onClose, children }: PanelFrameProps) {
  return (
    <>
      <div class="bar">
        <span class="bar-title">{title}</span>
        <span class="bar-tools" role="group" aria-label="Panel position">
          {DOCKS.map((d) => (
            <button
              type="button"
              class="tool"
              key={d}
              data-dock={d}
              aria-label={DOCK_LABEL[d].aria}
              aria-pressed={layout.dock === d}
              onClick={() => onLayout({ ...layout, dock: d })}
            >
              {DOCK_LABEL[d].text}
            </button>
          ))}
          <button
            type="button"
            class="tool"
            data-collapse
            aria-expanded={!layout.collapsed}
            aria-label={layout.collapsed ? 'Show the Caseload panel' : 'Collapse the Caseload panel to a bar'}
            onClick={() => onLayout({ ...layout, collapsed: !layout.collapsed })}
          >
            {layout.collapsed ? '▴' : '▾'}
          </button>
          <button type="button" class="tool close" aria-label="Close Caseload panel" onClick={onClose}>
            ×
          </button>
        </span>
      </div>
      {layout.collapsed ? null : <div class="body">{children}</div>}
    </>
  );
}
