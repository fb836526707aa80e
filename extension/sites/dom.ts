// Small DOM helpers shared by the adapters. Selectors live in each adapter's own file.

/** The first element matching any selector, in the order given (most specific first). */
export function firstOf(root: ParentNode, selectors: readonly string[]): Element | undefined {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el && (el.textContent ?? '').trim()) return el;
  }
  return undefined;
}

/** Every element matching any selector, each once, in document order per selector. */
export function allOf(root: ParentNode, selectors: readonly string[]): Element[] {
  const seen = new Set<Element>();
  for (const selector of selectors) for (const el of root.querySelectorAll(selector)) seen.add(el);
  return [...seen];
}

/** A query parameter by name, ignoring the name's case (ASP.NET and PHP pages are not consistent). */
export function queryParam(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** True when `host` is `domain` or a subdomain of it (so "arbor.sc.evil.example" is not Arbor). */
export function hostIs(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  return h === domain || h.endsWith(`.${domain}`);
}
