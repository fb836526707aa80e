// The whole project type-checks under the root tsconfig (strict): the extension, CLI, scripts, demo and tests.
// The core and the add-on have their own stricter boundaries (tests/architecture.test.ts, tests/addon/bundle.test.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeErrors } from './support/typecheck';

describe('type-check', () => {
  it('the project compiles with no type errors', () => {
    expect(typeErrors(join(import.meta.dirname, '..', 'tsconfig.json'))).toEqual([]);
  }, 180_000);
});
