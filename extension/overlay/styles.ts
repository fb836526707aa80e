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

// The panel is 320 px wide on the left or right (layout.ts SIDE_WIDTH), or a band along the bottom no taller than
// 42 % of the viewport (BOTTOM_SHARE); its height follows its content. Collapsed, it is one 40 px bar. Long
// unbroken strings (a pasted URL in a target, a name with no spaces) wrap instead of widening the panel.
// The "Saved" line (.status) stays in view while the panel scrolls, in a layer of its own (will-change), which is
// repainted whole when it grows: at 125 % zoom a three-line "Saved" otherwise left a strip of the earlier frame's
// text under it. Wrapping anywhere is for text from the Sheet; a button's own short label never breaks mid-word.
// (Comments stay out of the strings: what is inside them ships to every page.)
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel {
  position: fixed; z-index: 2147483647; display: flex; flex-direction: column;
  background: #fff; color: #1d1d1f; border: 1px solid #8d8d92; border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.28);
  font: 14px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  overflow-wrap: anywhere; word-break: break-word;
}
.panel[data-dock="right"] { top: 12px; right: 12px; width: min(320px, calc(100vw - 24px)); max-height: calc(100vh - 24px); }
.panel[data-dock="left"] { top: 12px; left: 12px; width: min(320px, calc(100vw - 24px)); max-height: calc(100vh - 24px); }
.panel[data-dock="bottom"] { left: 12px; right: 12px; bottom: 12px; max-height: 42vh; }
.bar { display: flex; align-items: center; gap: 6px; min-height: 40px; padding: 4px 6px 4px 12px; border-bottom: 1px solid #dcdce0; background: #f4f1fa; border-radius: 10px 10px 0 0; }
.panel[data-collapsed] .bar { border-bottom: none; border-radius: 10px; }
.bar-title { flex: 1 1 auto; font-weight: 600; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-tools { display: flex; gap: 2px; flex: none; }
.body { overflow: auto; padding: 8px 12px 12px; }
.panel[data-dock="bottom"] .targets { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); column-gap: 12px; }
h2 { font-size: 16px; margin: 0 0 2px; }
h2:focus { outline: none; }
h3 { font-size: 12px; margin: 10px 0 4px; color: #444; text-transform: uppercase; letter-spacing: .03em; }
.meta { color: #505055; font-size: 12px; margin: 0 0 6px; }
.sen-status { color: #1f3d7a; font-size: 12px; font-weight: 600; margin: 2px 0 0; }
button {
  font: inherit; font-size: 13px; cursor: pointer; border: 1px solid #6b6b70; background: #f4f4f6; color: #1d1d1f;
  border-radius: 6px; padding: 4px 8px; min-height: 32px;
}
button:hover { background: #e6e6ea; }
button { overflow-wrap: normal; word-break: normal; }
.status button { flex: none; }
.status span { min-width: 0; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; box-shadow: 0 0 0 5px #0b0c0c; }
button[aria-pressed="true"] { background: #4b2a8a; color: #fff; border-color: #4b2a8a; }
button.tool { border: none; background: transparent; font-size: 16px; line-height: 1; min-width: 32px; padding: 4px; }
button.tool[aria-pressed="true"] { background: #4b2a8a; color: #fff; }
button.close { font-size: 20px; }
button.link { border: none; background: none; color: #4b2a8a; text-decoration: underline; padding: 2px 0; min-height: 28px; }
.target { border-top: 1px solid #dcdce0; padding: 6px 0; }
.target p { margin: 0 0 3px; }
.prompt { font-weight: 600; }
.criteria, .evidence { font-size: 12px; color: #505055; }
.row { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0; }
.rate button { flex: 1 1 auto; padding: 4px 5px; }
.follow-up { background: #f6f3fb; border-radius: 6px; padding: 4px 6px; margin-top: 4px; }
.chips button { border-radius: 14px; font-size: 12px; min-height: 30px; }
.detail { margin: 4px 0; }
label { font-size: 12px; color: #333; display: block; margin: 6px 0 2px; }
input, textarea { font: inherit; font-size: 13px; width: 100%; border: 1px solid #6b6b70; border-radius: 6px; padding: 5px 6px; }
.stepper { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.stepper label { flex-basis: 100%; margin: 4px 0 0; }
.stepper button { min-width: 36px; font-size: 16px; }
input.minutes { width: 4.5em; text-align: center; }
input[aria-invalid="true"] { border-color: #b10e1e; border-width: 2px; }
.field-error { flex-basis: 100%; color: #b10e1e; font-size: 12px; font-weight: 600; margin: 2px 0; }
.status { min-height: 32px; display: flex; align-items: center; gap: 8px; position: sticky; top: -8px; background: #fff; z-index: 1; will-change: transform; }
.status:empty { min-height: 0; }
.status.saved { color: #00703c; font-weight: 600; }
.status.error { color: #b10e1e; font-weight: 600; }
.choice { display: block; width: 100%; text-align: left; margin: 4px 0; }
.choice .with-you { display: block; font-size: 12px; font-weight: 600; color: #00703c; }
.choice[data-with-you] { border: 2px solid #00703c; }
.empty { color: #505055; }
.session-now { background: #eef5ee; border-radius: 6px; padding: 4px 8px; margin: 6px 0; }
.session-now h3 { margin: 2px 0; }
.session-when { font-size: 12px; margin: 0 0 2px; color: #333; }
.session-pupils { list-style: none; margin: 0; padding: 0; }
.session-pupils li strong { display: none; }
.session-status { font-size: 12px; font-weight: 600; display: block; margin: 0 0 2px; }
.session-actions, .session-reasons { display: flex; flex-wrap: wrap; gap: 4px; }
button.suggested { border: 2px solid #00703c; background: #e3f1e8; font-weight: 600; }
.session-tag { font-size: 11px; font-weight: 600; color: #00703c; margin: 0 0 2px; }
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
