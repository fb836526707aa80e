// A typed, promise-shaped wrapper round google.script.run. ServerApi is derived from the server module itself
// (server/index.ts, the functions named in server/surface.ts SIDEBAR_CALLS), so a renamed handler or a changed
// argument or result breaks the sidebar's type check rather than a SENCo's afternoon. Only JSON crosses: dates
// are ISO strings.
import type * as Server from '../server/index';
import type { SidebarCall } from '../server/surface';

/** The server functions a sidebar may call, with their real signatures. */
export type ServerApi = Pick<typeof Server, SidebarCall>;

type Handler = (value: unknown) => void;
interface ScriptRun {
  withSuccessHandler(f: Handler): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script: { run: ScriptRun } };
  }
}

export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error('This panel only works inside Google Sheets.'));
      return;
    }
    const runner = run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    const fn = runner[name] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn !== 'function') {
      reject(new Error(`The add-on has no server function "${String(name)}".`));
      return;
    }
    fn.apply(runner, args);
  });
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export function ukDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
