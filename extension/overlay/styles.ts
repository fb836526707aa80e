// Styles live inside our shadow roots only; the page's CSS cannot reach in and ours cannot leak out.
// Colours meet WCAG AA contrast; focus is always visible (a thick outline, not just a colour change).

export const BADGE_CSS = `
:host { all: initial; }
button {
  all: initial; box-sizing: border-box; cursor: pointer;
  display: inline-flex; align-items: center; gap: 2px;
  font: 600 11px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #fff; background: #4b2a8a; border-radius: 9px; padding: 3px 7px; margin: 0 0 0 4px;
  vertical-align: middle; white-space: nowrap;
}
button:hover { background: #3a1f6d; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
button[data-ambiguous] { background: #8a4b00; }
`;

export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel {
  position: fixed; top: 12px; right: 12px; z-index: 2147483647;
  width: min(380px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto;
  background: #fff; color: #1d1d1f; border: 1px solid #8d8d92; border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.28);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 12px 14px;
}
h2 { font-size: 16px; margin: 0 0 2px; }
h3 { font-size: 13px; margin: 12px 0 4px; color: #444; text-transform: uppercase; letter-spacing: .03em; }
.meta { color: #505055; font-size: 12px; margin: 0 0 8px; }
.status { color: #1f3d7a; font-size: 12px; font-weight: 600; margin: 2px 0 0; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
button {
  font: inherit; font-size: 13px; cursor: pointer; border: 1px solid #6b6b70; background: #f4f4f6; color: #1d1d1f;
  border-radius: 6px; padding: 5px 8px; min-height: 32px;
}
button:hover { background: #e6e6ea; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; box-shadow: 0 0 0 5px #0b0c0c; }
button[aria-pressed="true"] { background: #4b2a8a; color: #fff; border-color: #4b2a8a; }
button.close { border: none; background: transparent; font-size: 20px; line-height: 1; padding: 2px 6px; }
.target { border-top: 1px solid #dcdce0; padding: 8px 0; }
.target p { margin: 0 0 4px; }
.prompt { font-weight: 600; }
.criteria, .evidence, .evidence-count { font-size: 12px; color: #505055; }
.row { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0; }
.rate button { flex: 1 1 auto; }
label { font-size: 12px; color: #333; display: block; margin: 6px 0 2px; }
input, textarea { font: inherit; font-size: 13px; width: 100%; border: 1px solid #6b6b70; border-radius: 6px; padding: 5px 6px; }
input.minutes { width: 5em; }
.status { min-height: 36px; display: flex; align-items: center; gap: 8px; position: sticky; top: -12px; background: #fff; z-index: 1; }
.status:empty { min-height: 0; }
.status.saved { color: #00703c; font-weight: 600; }
.status.error { color: #b10e1e; font-weight: 600; }
.choice { display: block; width: 100%; text-align: left; margin: 4px 0; }
.empty { color: #505055; }
`;

export const PICKER_CSS = `
:host { all: initial; }
.bar {
  position: fixed; left: 50%; transform: translateX(-50%); bottom: 16px; z-index: 2147483647;
  background: #0b0c0c; color: #fff; padding: 10px 14px; border-radius: 8px;
  font: 14px/1.4 system-ui, sans-serif; display: flex; gap: 10px; align-items: center;
}
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid #fff; background: #fff; color: #0b0c0c; padding: 4px 10px; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
.outline { position: fixed; pointer-events: none; z-index: 2147483646; border: 3px solid #ffbf47; background: rgba(255,191,71,.15); }
`;
