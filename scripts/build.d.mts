// Types for build.mjs, so the TypeScript e2e tests can use it.
export const root: string;
export function buildExtension(opts?: {
  outDir?: string;
  presetHosts?: readonly string[];
  devApi?: boolean;
  openShadow?: boolean;
}): Promise<string>;
export function buildExtensionIfStale(opts: {
  outDir: string;
  presetHosts?: readonly string[];
  devApi?: boolean;
  /** Attach the overlay's shadow roots open (the shared e2e build only; every other build is closed). */
  openShadow?: boolean;
}): Promise<{ dir: string; built: boolean }>;
