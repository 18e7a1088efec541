import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../src/projectRoot';

// .ci/install-browser on machines with and without apt-get. The package manager is the outermost
// boundary: a PATH of stand-ins records what would be installed instead of installing it.

interface Machine {
  aptGet?: 'works' | 'fails';
  chromium?: boolean;
  emojiFont?: boolean;
}

function runOn(machine: Machine, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-install-'));
  try {
    const bin = join(dir, 'bin');
    const log = join(dir, 'calls.log');
    mkdirSync(bin);
    const tool = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    if (machine.aptGet) tool('apt-get', `echo "apt-get $*" >> "${log}"; exit ${machine.aptGet === 'works' ? 0 : 100}`);
    if (machine.chromium) tool('chromium', 'exit 0');
    tool('dpkg', `[ "$2" = fonts-noto-color-emoji ] && exit ${machine.emojiFont ? 0 : 1}; exit 1`);
    const result = spawnSync('/bin/bash', [fromRoot('.ci', 'install-browser')], { env: { PATH: bin, ...env }, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr, calls: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.ci/install-browser: a Chromium and an emoji font for the browser test and the screenshots', () => {
  it('installs what is missing with apt-get, the emoji font beside chromium', () => {
    const run = runOn({ aptGet: 'works' });
    assert.equal(run.status, 0);
    assert.deepEqual(run.calls, ['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji']);
  });

  it('installs only the emoji font when a Chromium is there (on PATH or named by CHROMIUM_PATH)', () => {
    assert.deepEqual(runOn({ aptGet: 'works', chromium: true }).calls.slice(1), ['apt-get install -y -qq --no-install-recommends fonts-noto-color-emoji']);
    assert.deepEqual(runOn({ aptGet: 'works' }, { CHROMIUM_PATH: '/opt/chrome/chrome' }).calls.slice(1), ['apt-get install -y -qq --no-install-recommends fonts-noto-color-emoji']);
  });

  it('installs nothing when both are there', () => {
    assert.deepEqual(runOn({ aptGet: 'works', chromium: true, emojiFont: true }).calls, []);
  });

  it('goes on without apt-get, or when the install fails, and says the browser test will be skipped', () => {
    const none = runOn({});
    assert.equal(none.status, 0);
    assert.match(none.stderr, /no apt-get here, so chromium fonts-noto-color-emoji is not installed; the browser test is skipped/);
    const failing = runOn({ aptGet: 'fails' });
    assert.equal(failing.status, 0);
    assert.match(failing.stderr, /installing chromium fonts-noto-color-emoji failed/);
  });
});
