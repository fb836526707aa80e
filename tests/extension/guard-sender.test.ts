// Least privilege, the cases the rule-by-rule tests (guard.test.ts) leave out: who is asking is what the browser
// says (sender.origin over the frame's URL), a page-only request is refused to extension pages, details of a
// pupil not on the caseload open nothing, and a tab's grants go when it closes. tests/e2e/hostile-page.e2e.test.ts
// drives our real content script in Chromium against the same rules.
import { describe, expect, it } from 'vitest';
import { createGuard, GuardRefusal, memoryTabGrants, patternCoversOrigin, type SenderInfo } from '../../extension/background/guard';
import type { LogEntry } from '../../shared/model';

const GRANTED = ['https://*.arbor.sc/*', 'http://intranet.school:8080/*'];
const MIS = 'https://kestrel.uk.arbor.sc/students/3';
const onCaseload = async (id: string) => id === 'P1' || id === 'P2';
const entry = (pupilId: string): LogEntry => ({
  id: crypto.randomUUID(),
  time: '2026-11-23T11:00:00+00:00',
  pupilId,
  kind: 'Note',
  note: 'x',
});

function guard() {
  const tabs = memoryTabGrants();
  return { g: createGuard({ grantedOrigins: async () => GRANTED, tabs }), tabs };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => (e instanceof GuardRefusal ? e.message : `threw ${String(e)}`),
  );

describe('the guard trusts the browser’s sender record, not the frame’s URL', () => {
  it('a frame whose origin the browser reports as ungranted is refused even with a granted URL', async () => {
    const { g } = guard();
    const framed: SenderInfo = { url: MIS, origin: 'https://evil.example', tabId: 4 };
    expect(await refusal(g.authorise({ type: 'page/caseload', url: MIS }, framed, onCaseload))).toContain('not allowed on this site');
    // The same frame with the granted origin is answered.
    expect(await refusal(g.authorise({ type: 'page/caseload', url: MIS }, { ...framed, origin: new URL(MIS).origin }, onCaseload))).toBe(
      'answered',
    );
  });

  it('an opaque origin ("null", a sandboxed frame) falls back to the URL, and an ungranted URL is refused', async () => {
    const { g } = guard();
    const sandboxed: SenderInfo = { url: 'https://evil.example/x', origin: 'null', tabId: 4 };
    expect(await refusal(g.authorise({ type: 'page/caseload', url: sandboxed.url! }, sandboxed, onCaseload))).toContain('not allowed');
  });

  it('a port is part of the origin: a preset http:// intranet host on :8080 is not granted on :80', async () => {
    expect(patternCoversOrigin(GRANTED[1]!, 'http://intranet.school:8080')).toBe(true);
    expect(patternCoversOrigin(GRANTED[1]!, 'http://intranet.school')).toBe(false);
    expect(patternCoversOrigin(GRANTED[1]!, 'https://intranet.school:8080')).toBe(false);
  });
});

describe('what a page may ask, and for how long', () => {
  it('teaching a site is refused to extension pages (the origin must be the page’s own)', async () => {
    const { g } = guard();
    const popup: SenderInfo = { extensionPage: true, url: 'chrome-extension://abc/popup.html' };
    expect(await refusal(g.authorise({ type: 'site/save-rule', selector: 'td' }, popup, onCaseload))).toContain('from the page itself');
  });

  it('details of a pupil not on the caseload open nothing: a log for them is still refused', async () => {
    const { g, tabs } = guard();
    const page: SenderInfo = { url: MIS, tabId: 4 };
    await g.authorise({ type: 'pupil/details', pupilId: 'P9' }, page, onCaseload);
    expect((await tabs.get(4))?.openPupil).toBeUndefined();
    expect(await refusal(g.authorise({ type: 'log/add', entry: entry('P9') }, page, onCaseload))).toContain('Open that pupil');
  });

  it('a closed tab forgets its open pupil and its logs, when a tab next opens a badge', async () => {
    let open = [4, 7];
    const tabs = memoryTabGrants();
    const g = createGuard({ grantedOrigins: async () => GRANTED, tabs, openTabIds: async () => open });
    const page: SenderInfo = { url: MIS, tabId: 4 };
    const auth = await g.authorise({ type: 'pupil/details', pupilId: 'P1' }, page, onCaseload);
    const saved = entry('P1');
    expect(await refusal(g.authorise({ type: 'log/add', entry: saved }, page, onCaseload))).toBe('answered');
    await g.savedFromTab(auth, saved.id);
    expect(await refusal(g.authorise({ type: 'log/undo', id: saved.id }, page, onCaseload))).toBe('answered');
    expect(await tabs.tabIds()).toEqual([4]);
    // Tab 4 is closed; nothing is woken for that. The next badge opened, in another tab, drops its grant.
    open = [7];
    await g.authorise({ type: 'pupil/details', pupilId: 'P1' }, { url: MIS, tabId: 7 }, onCaseload);
    expect(await tabs.tabIds()).toEqual([7]);
    expect(await refusal(g.authorise({ type: 'log/undo', id: saved.id }, page, onCaseload))).toContain('Only a log saved from this page');
    expect(await refusal(g.authorise({ type: 'log/add', entry: entry('P1') }, page, onCaseload))).toContain('Open that pupil');
  });
});
