// Build the Google Sheets add-on into dist/addon, the folder clasp pushes (.clasp.json rootDir):
//   Code.js          server/index.ts and the core bundled into one script. Apps Script has no modules and calls
//                    handlers by global function name, so the bundle is an IIFE assigned to `__caseload` and
//                    every export of server/index.ts gets a top-level `function name() {…}` that forwards to it.
//   appsscript.json  the manifest (V8, Europe/London, minimal scopes).
//   Sidebar.html, Cover.html, Statement.html   each sidebar or dialog as one self-contained file: Preact app and CSS inlined, no CDN.
// Usage: node sheets-addon/build.mjs [--out dir]
import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outArg = process.argv.indexOf('--out');
const outDir = resolve(root, outArg > 0 ? process.argv[outArg + 1] : 'dist/addon');
const GLOBAL = '__caseload';

/** Export names of server/index.ts, read from an ESM build's metafile (the IIFE build does not list them). */
async function serverExports() {
  const r = await esbuild.build({
    entryPoints: [join(here, 'server/index.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'probe.js',
    logLevel: 'silent',
  });
  const out = Object.values(r.metafile.outputs)[0];
  return [...out.exports].sort();
}

async function buildServer() {
  const names = await serverExports();
  const r = await esbuild.build({
    entryPoints: [join(here, 'server/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    outfile: 'Code.js',
  });
  const stubs = names.map((n) => `function ${n}() {\n  return ${GLOBAL}.${n}.apply(this, arguments);\n}`).join('\n');
  const banner = `/** Caseload add-on: built by sheets-addon/build.mjs — edit the TypeScript, not this file.\n * @OnlyCurrentDoc\n */\n`;
  const code = `${banner}${r.outputFiles[0].text}\n// Apps Script entry points (menu items, triggers, google.script.run)\n${stubs}\n`;
  await writeFile(join(outDir, 'Code.js'), code);
  return names;
}

async function buildSidebar(entry, title) {
  const r = await esbuild.build({
    entryPoints: [join(here, 'sidebar', entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    charset: 'utf8',
    outfile: 'app.js',
  });
  const css = await readFile(join(here, 'sidebar/styles.css'), 'utf8');
  // Inline: nothing may close the script or style element early.
  const js = r.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<base target="_top">
<meta charset="utf-8">
<title>${title}</title>
<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body>
<div id="app"></div>
<script>${js}</script>
</body>
</html>
`;
}

await mkdir(outDir, { recursive: true });
const names = await buildServer();
await writeFile(join(outDir, 'appsscript.json'), await readFile(join(here, 'appsscript.json'), 'utf8'));
await writeFile(join(outDir, 'Sidebar.html'), await buildSidebar('check.tsx', 'Caseload checks'));
await writeFile(join(outDir, 'Cover.html'), await buildSidebar('cover.tsx', 'Caseload cover planner'));
await writeFile(join(outDir, 'Statement.html'), await buildSidebar('statement.tsx', 'Caseload provision statement'));
console.log(
  `add-on built in ${outDir}: Code.js (${names.length} entry points: ${names.join(', ')}), appsscript.json, Sidebar.html, Cover.html, Statement.html`,
);
