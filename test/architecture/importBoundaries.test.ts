import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { fromRoot } from '../../src/projectRoot';

// The layer rules of docs/architecture.md live in eslint.config.mjs. These cases prove the rules are
// switched on (a typo in a glob would silently allow everything) without waiting for a real breach.

const eslint = new ESLint({ cwd: fromRoot() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: fromRoot(filePath) });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const CASES: { file: string; code: string; allowed: boolean }[] = [
  { file: 'src/domain/lifecycle/example.ts', code: "import type { Turn } from '../../commands/turn';\nexport type T = Turn;\n", allowed: false },
  { file: 'src/domain/example.ts', code: "import { LifecycleSimulator } from '../adapters/simulator/simulator';\nexport const s = LifecycleSimulator;\n", allowed: false },
  { file: 'src/domain/example.ts', code: "import { utcMinute } from '../util/timeFormat';\nexport const f = utcMinute;\n", allowed: true },
  { file: 'src/util/example.ts', code: "import type { Operation } from '../domain/model';\nexport type O = Operation;\n", allowed: false },
  { file: 'src/commands/example.ts', code: "import { TurnContext } from 'botbuilder';\nexport const t = TurnContext;\n", allowed: false },
  { file: 'src/commands/example.ts', code: "import { contextOf } from '../teams/turnFactory';\nexport const c = contextOf;\n", allowed: false },
  { file: 'src/commands/example.ts', code: "import type { LifecyclePort } from '../domain/ports/lifecyclePort';\nexport type P = LifecyclePort;\n", allowed: true },
  { file: 'src/notifications/example.ts', code: "import { Router } from '../commands/router';\nexport const r = Router;\n", allowed: false },
  { file: 'src/storage/example.ts', code: "import type { Storage } from 'botbuilder';\nexport type S = Storage;\n", allowed: false },
  { file: 'src/adapters/simulator/example.ts', code: "import { noticeCard } from '../../cards/noticeCard';\nexport const n = noticeCard;\n", allowed: false },
  { file: 'src/teams/example.ts', code: "import { CardFactory } from 'botbuilder';\nexport const c = CardFactory;\n", allowed: true },
  { file: 'src/server.ts', code: "import type { CloudAdapter } from 'botbuilder';\nexport type C = CloudAdapter;\n", allowed: false },
];

describe('import boundaries (eslint.config.mjs)', function () {
  this.timeout(60_000);
  for (const c of CASES) {
    it(`${c.allowed ? 'allows' : 'refuses'} ${c.code.split('\n')[0]} in ${c.file}`, async () => {
      const messages = await restrictedImports(c.file, c.code);
      assert.equal(messages.length === 0, c.allowed, messages.join('; ') || 'no restriction reported');
    });
  }
});
