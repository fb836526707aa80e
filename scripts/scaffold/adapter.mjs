// npm run new:adapter <name>: a site adapter skeleton, its registration, a fixture page and its test rows.
import { insertImportSorted, isReserved, run, ScaffoldError } from './lib.mjs';

const USAGE = `Usage: npm run new:adapter -- <name> [--dry-run] [--root <dir>]

Creates a site adapter for one MIS product, <name> being its id (lower case letters and digits, e.g. "iris"):
  extension/sites/<name>.ts                   the adapter skeleton (URL matching, profile page, list page)
  tests/fixtures/mis/<name>-student-profile.html   a placeholder page to replace with a saved real page
and registers it in extension/sites/index.ts (ADAPTERS), extension/sites/types.ts (SiteAdapterId) and
tests/extension/sites/adapters.test.ts (a URL row, the registry list and a describe block).

Next: save a real profile page of the product (names changed) over the fixture and say what it is modelled on;
set hostPatterns, matches, PROFILE_NAME and STUDENT_LINKS from its real markup; adjust the test rows to real
URLs; run npx vitest run --project unit tests/extension/sites/adapters.test.ts tests/conventions.test.ts.
--dry-run prints the files it would create or change; --root runs against another copy of the repository.
Exit 2 when the name is not a valid id or is already taken.`;

function build({ name }, plan) {
  if (!/^[a-z][a-z0-9]*$/.test(name) || isReserved(name)) {
    throw new ScaffoldError(
      `"${name}" is not a valid adapter id: use lower case letters and digits, starting with a letter (e.g. "iris").`,
    );
  }
  if (plan.exists(`extension/sites/${name}.ts`) || ['dom', 'index', 'types'].includes(name)) {
    throw new ScaffoldError(`an adapter (or helper module) named "${name}" already exists in extension/sites/.`);
  }
  if (new RegExp(`'${name}'`).test(plan.read('extension/sites/types.ts'))) {
    throw new ScaffoldError(`"${name}" is already a SiteAdapterId in extension/sites/types.ts.`);
  }
  const title = name[0].toUpperCase() + name.slice(1);

  plan.create(`extension/sites/${name}.ts`, adapterSource(name, title));
  plan.create(`tests/fixtures/mis/${name}-student-profile.html`, fixturePage(title));

  plan.edit(
    'extension/sites/types.ts',
    /export type SiteAdapterId = ([^;]+);/,
    (_m, g) => `export type SiteAdapterId = ${g[1]} | '${name}';`,
    'SiteAdapterId union',
  );
  insertImportSorted(
    plan,
    'extension/sites/index.ts',
    `import { ${name} } from './${name}';`,
    /^import \{ \w+ \} from '\.\/\w+';$/,
    `./${name}`,
  );
  plan.edit(
    'extension/sites/index.ts',
    /export const ADAPTERS: SiteAdapter\[\] = \[([^\]]*)\];/,
    (_m, g) => `export const ADAPTERS: SiteAdapter[] = [${g[1]}, ${name}];`,
    'ADAPTERS list',
  );

  const tests = 'tests/extension/sites/adapters.test.ts';
  insertImportSorted(
    plan,
    tests,
    `import { ${name} } from '../../../extension/sites/${name}';`,
    /^import \{ [^}]+ \} from '\.\.\/\.\.\/\.\.\/extension\/sites\/\w+';$/,
    `../../../extension/sites/${name}`,
  );
  plan.edit(
    tests,
    /\n(\s*)\]\)\('%s → %s', \(url, id\) => \{/,
    (m, g) => `\n${g[1]}  ['https://northgate.${name}.example/students/1001/profile', '${name}'],${m}`,
    'adapterFor URL table',
  );
  plan.edit(
    tests,
    /expect\(ADAPTERS\.map\(\(a\) => a\.id\)\)\.toEqual\(\[([^\]]*)\]\);/,
    (_m, g) => `expect(ADAPTERS.map((a) => a.id)).toEqual([${g[1]}, '${name}']);`,
    'registry id list',
  );
  plan.append(tests, describeBlock(name, title));

  return `  Replace tests/fixtures/mis/${name}-student-profile.html with a saved real ${title} page (names changed), then make the
  adapter and the test rows in ${tests} follow its real URLs and markup.`;
}

function adapterSource(name, title) {
  return `// ${title}: TODO say how the product's URLs and pages are shaped (host, profile route, where the pupil's id and
// name are), as gibbon.ts does. Written from a saved page: tests/fixtures/mis/${name}-student-profile.html.

import { allOf, firstOf } from './dom';
import type { SiteAdapter } from './types';

// TODO: the real host and routes. The skeleton claims https://<school>.${name}.example/students/<id>/...
const HOST = /(?:^|\\.)${name}\\.example$/;
const PROFILE_ROUTE = /^\\/students\\/(\\d+)(?:\\/|$)/;
const PROFILE_NAME = ['h1.student-name', 'h1'];
const STUDENT_LINKS = ['a[href^="/students/"]'];

export const ${name}: SiteAdapter = {
  id: '${name}',
  name: '${title}',
  hostPatterns: ['*://*.${name}.example/*'],
  matches: (url) => HOST.test(url.hostname.toLowerCase()),
  currentPupil(doc, url) {
    const misId = PROFILE_ROUTE.exec(url.pathname)?.[1];
    if (!misId) return undefined;
    return { misId, nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) => allOf(root, STUDENT_LINKS),
};
`;
}

function fixturePage(title) {
  return `<!doctype html>
<!-- PLACEHOLDER written by npm run new:adapter: replace with a saved ${title} student profile page (pupil names
     changed) and say here which version and page of ${title} it was saved from. -->
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Student profile – ${title}</title></head>
  <body>
    <main>
      <h1 class="student-name">Amara Bello</h1>
      <nav><a href="/students/1002/profile">Tomasz Nowak</a></nav>
    </main>
  </body>
</html>
`;
}

function describeBlock(name, title) {
  return `describe('${title}', () => {
  // TODO: rows from the real product's pages; these follow the skeleton's placeholder URL and fixture.
  it('reads the student id from a profile URL and the name heading', () => {
    const { document, url } = loadFixture('${name}-student-profile.html', 'https://northgate.${name}.example/students/1001/profile');
    const current = ${name}.currentPupil!(document, url);
    expect(current?.misId).toBe('1001');
    expect(current?.nameElement?.textContent).toBe('Amara Bello');
  });
});
`;
}

run('new:adapter', USAGE, [], build);
