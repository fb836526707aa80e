// Types for build.mjs, so the TypeScript e2e tests can use it.
export const root: string;
export function buildExtension(opts?: { outDir?: string; presetHosts?: readonly string[]; devApi?: boolean }): Promise<string>;
export function buildExtensionIfStale(opts: {
  outDir: string;
  presetHosts?: readonly string[];
  devApi?: boolean;
}): Promise<{ dir: string; built: boolean }>;
