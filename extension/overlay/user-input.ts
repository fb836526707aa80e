// Only the user acts through our UI on a MIS page. Chromium marks every event that came from real input as
// trusted: a tap or click, and the click it makes for Enter/Space on a focused button. An event a page script
// made (`el.click()`, `dispatchEvent(new MouseEvent('click'))`) has `isTrusted === false`, so the page cannot
// open panels (and with them ask the background for pupils' targets) or pick an element in "Teach a site" on
// its own. DOMs without the property (the unit tests' happy-dom) run no page scripts.
export function fromUser(e: Event): boolean {
  return e.isTrusted !== false;
}
