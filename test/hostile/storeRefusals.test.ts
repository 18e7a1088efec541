import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from '../../src/app';
import { scratchDir, startTestApp } from '../support/testApp';

// What an unlucky operator meets: a damaged simulator row, and a second process started on the same
// SQLite file. Both are refused with a sentence that names the problem, never a stack, and never a
// second bot sending every notice twice.

function rewriteSimulatorRow(file: string, value: string): void {
  const db = new Database(file);
  db.prepare("UPDATE documents SET value = ? WHERE namespace = 'simulator'").run(value);
  db.close();
}

describe('hostile: store refusals', function () {
  this.timeout(30_000);
  let scratch: ReturnType<typeof scratchDir>;
  let file: string;

  beforeEach(() => {
    scratch = scratchDir();
    file = path.join(scratch.dir, 'ppi.sqlite');
  });
  afterEach(() => scratch.cleanup());

  for (const [what, value, message] of [
    ['a simulator row that breaks its schema', JSON.stringify({ unexpected: true }), /The simulator's stored state cannot be loaded: The stored simulator state for world "contoso" cannot be loaded/],
    ['a simulator row that is not JSON', '{"tenant": ', /The simulator's stored state cannot be loaded: The stored document simulator\/contoso is not valid JSON/],
  ] as const) {
    it(`refuses to start on ${what}, in words`, async () => {
      await (await startTestApp(file)).stop();
      rewriteSimulatorRow(file, value);
      await assert.rejects(startTestApp(file), (error: unknown) => {
        assert.ok(error instanceof StartupError, String(error));
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('refuses a second process on the same SQLite file while the first runs', async () => {
    const first = await startTestApp(file);
    try {
      const openInChild = `require(${JSON.stringify(path.resolve(__dirname, '../../src/storage/sqlite/openSqliteStore.js'))}).openSqliteStore({ url: process.argv[1] })
        .then(() => { console.log('opened'); process.exit(0); }, (e) => { console.log(e.name + ': ' + e.message); process.exit(3); })`;
      const output = await new Promise<{ code: number | null; stdout: string }>((resolve) =>
        execFile(process.execPath, ['-e', openInChild, file], (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout })),
      );
      assert.equal(output.code, 3, output.stdout);
      assert.match(output.stdout, /StoreOpenError: Another process is using the store database .* one PPI Assistant process at a time/);
    } finally {
      await first.stop();
    }
    // Once the first has stopped, the file is free again.
    await (await startTestApp(file)).stop();
  });
});
