// The core's surface for code that runs inside a web page while it loads (the extension's early content script):
// text folding and how a pupil is named, from modules with no work at load. Through shared/index.ts the bundle
// would also carry, and evaluate on the page's parse, module-level tables it never uses (the tracker's tabs and
// need codes).
export { foldMarks, foldText, isAscii } from './text';
export { pupilName, statusLabel } from './model';
