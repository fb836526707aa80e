// "Teach a site", the one-shot picker: the LSA points at the element holding a pupil's name once; we store a
// selector for it on this origin and the detector uses it from then on. Esc or Cancel leaves the page as it was.
import { selectorFor } from '../detect';
import { createShadowHost } from './shadow-host';
import { PICKER_CSS } from './styles';
import { fromUser } from './user-input';

export interface PickerResult {
  selector: string;
}

/** Runs until the user picks an element or cancels; resolves with the selector, or undefined when cancelled. */
export function pickElement(doc: Document): Promise<PickerResult | undefined> {
  return new Promise((resolve) => {
    const { host, root } = createShadowHost(doc, 'caseload-picker', PICKER_CSS, 'block');
    const outline = doc.createElement('div');
    outline.className = 'outline';
    const bar = doc.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'dialog');
    bar.setAttribute('aria-label', 'Teach Caseload this site');
    const text = doc.createElement('span');
    text.textContent = "Click a pupil's name on this page. Caseload will look for names in places like it from now on.";
    const cancel = doc.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    bar.append(text, cancel);
    root.append(outline, bar);
    doc.documentElement.append(host);
    cancel.focus();

    const controller = new AbortController();
    const { signal } = controller;
    const finish = (result: PickerResult | undefined) => {
      controller.abort();
      host.remove();
      resolve(result);
    };
    const targetOf = (e: Event): Element | undefined => {
      const el = e.target instanceof Element ? e.target : undefined;
      return el && el !== host ? el : undefined;
    };
    doc.addEventListener(
      'mousemove',
      (e) => {
        const el = targetOf(e);
        if (!el) return;
        const r = el.getBoundingClientRect();
        Object.assign(outline.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      },
      { capture: true, signal },
    );
    // Capture phase, and swallow it: the pick must not also follow a link or open a row.
    doc.addEventListener(
      'click',
      (e) => {
        const el = targetOf(e);
        // The user's own pick only: a click the page's script made picks nothing (user-input.ts).
        if (!el || !fromUser(e)) return;
        e.preventDefault();
        e.stopPropagation();
        finish({ selector: selectorFor(el) });
      },
      { capture: true, signal },
    );
    doc.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape') finish(undefined);
      },
      { capture: true, signal },
    );
    cancel.addEventListener('click', () => finish(undefined), { signal });
  });
}
