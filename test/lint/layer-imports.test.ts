import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/template.ts';

// Lints code as if it were a file at `filePath`, with the repository's own ESLint configuration (what `npm run lint`
// runs), and returns the layer rule's messages.
async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(code, { filePath: `${projectRoot}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'ssos/layer-imports').map((m) => m.message);
}

describe('the import-direction lint rule', () => {
  it('fails a core file that imports the server', async () => {
    const problems = await layerProblems(
      'src/core/fixture.ts',
      "import { buildApp } from '../server/app.ts';\nexport const x = buildApp;\n",
    );
    expect(problems).toEqual([
      'src/core must not import src/server ("../server/app.ts"): core is pure domain code and imports nothing from the outer layers',
    ]);
  });

  it('fails a core file that does I/O or uses a framework', async () => {
    const problems = await layerProblems(
      'src/core/fixture.ts',
      "import { readFile } from 'node:fs/promises';\nimport { Kysely } from 'kysely';\nexport const x = [readFile, Kysely];\n",
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"node:fs/promises"');
  });

  it('lets core use zod, and core tests use vitest and fast-check', async () => {
    expect(
      await layerProblems('src/core/fixture.ts', "import { z } from 'zod';\nexport const s = z.string();\n"),
    ).toEqual([]);
    expect(
      await layerProblems(
        'src/core/fixture.test.ts',
        "import { it } from 'vitest';\nimport fc from 'fast-check';\nit('x', () => fc);\n",
      ),
    ).toEqual([]);
  });

  it('lets the web import only types from the server API', async () => {
    expect(
      await layerProblems(
        'src/web/pages/x.tsx',
        "import type { OrgSummary } from '../../server/api/orgs.ts';\nexport type X = OrgSummary;\n",
      ),
    ).toEqual([]);
    expect(
      await layerProblems(
        'src/web/pages/x.tsx',
        "import { OrgSummary } from '../../server/api/orgs.ts';\nexport const X = OrgSummary;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerProblems(
        'src/web/pages/x.tsx',
        "import { buildApp } from '../../server/app.ts';\nexport const X = buildApp;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerProblems('src/web/pages/x.tsx', "import fs from 'node:fs';\nexport const X = fs;\n"),
    ).toHaveLength(1);
  });

  it('keeps the server and the command line independent of the web app', async () => {
    expect(
      await layerProblems('src/server/x.ts', "import { App } from '../web/app.tsx';\nexport const X = App;\n"),
    ).toHaveLength(1);
    expect(
      await layerProblems('src/server/x.ts', "import { main } from '../cli/main.ts';\nexport const X = main;\n"),
    ).toHaveLength(1);
    expect(
      await layerProblems('src/cli/x.ts', "import { App } from '../web/app.tsx';\nexport const X = App;\n"),
    ).toHaveLength(1);
    expect(
      await layerProblems('src/cli/x.ts', "import { buildApp } from '../server/app.ts';\nexport const X = buildApp;\n"),
    ).toEqual([]);
  });
});
