import assert from 'node:assert/strict';
import { psSingleQuoted } from '../../../src/domain/lifecycle/powershellQuoting';
import {
  SECRET_VARIABLE,
  unifiedBackupScript,
  unifiedRestoreScript,
  type ScriptResult,
  type UnifiedRestoreScriptInput,
} from '../../../src/domain/lifecycle/powershellScript';
import { id } from './factories';
import { scanScript, valueOf } from './powershellTokens';

function scriptOf(result: ScriptResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.script;
}

const HOSTILE = [
  "O'Brien's sandbox",
  "'; Remove-Item -Recurse C:\\ ; '",
  '$(Get-Content $env:USERPROFILE\\secret.txt)',
  '`$env:PATH` and `n',
  '‘curly’ ‚low‛ quotes',
  "‘; Invoke-Expression 'whoami'; ’",
  "''",
  "'",
  'ends with a quote’',
  '"double" “smart” „low“',
  '@{ evil = 1 }',
];

/** What PowerShell will see: the typographic single quotes read as plain ones. */
const asPowerShellReadsIt = (value: string) => value.replace(/[‘’‚‛]/g, "'");

const restoreInput = (overrides: Partial<UnifiedRestoreScriptInput> = {}): UnifiedRestoreScriptInput => ({
  sourceEnvironmentId: id('b004'),
  targetEnvironmentId: id('b020'),
  targetEnvironmentName: 'contoso-unified',
  restorePointUtc: new Date('2025-06-01T10:05:07.890Z'),
  skipAuditData: true,
  ...overrides,
});

describe('lifecycle rules: PowerShell for unified environments', () => {
  describe('the backup script', () => {
    const script = scriptOf(unifiedBackupScript({ environmentId: id('b020'), label: 'Before 10.0.41', notes: 'Taken by PPI Assistant' }));
    const scanned = scanScript(script);

    it('installs the admin module for the current user when it is missing, then imports it', () => {
      assert.equal(valueOf(scanned, '$moduleName'), 'Microsoft.PowerApps.Administration.PowerShell');
      assert.match(scanned.skeleton, /if \(-not \(Get-Module -ListAvailable -Name \$moduleName\)\) \{\n\s+Install-Module -Name \$moduleName -Scope CurrentUser/);
      assert.match(scanned.skeleton, /\nImport-Module -Name \$moduleName\n/);
    });

    it('signs in with placeholders and a secret read at run time, never a secret in the text', () => {
      assert.equal(valueOf(scanned, '$tenantId'), '{your-tenant-id}');
      assert.equal(valueOf(scanned, '$applicationId'), '{your-application-id}');
      assert.match(
        scanned.skeleton,
        /\nAdd-PowerAppsAccount -Endpoint prod -TenantID \$tenantId -ApplicationId \$applicationId -ClientSecret \$clientSecret\n/,
      );
      assert.match(scanned.skeleton, new RegExp(`\\$clientSecret = \\$env:${SECRET_VARIABLE}\\n`));
      assert.match(scanned.skeleton, /Read-Host -Prompt «\d+» -AsSecureString/);
      assert.equal((script.match(/-ClientSecret/g) ?? []).length, 1);
      assert.equal((scanned.skeleton.match(/\$clientSecret = /g) ?? []).length, 2, 'only from the variable or the prompt');
    });

    it('calls Backup-PowerAppEnvironment with the environment, label and notes', () => {
      assert.match(scanned.skeleton, /\nBackup-PowerAppEnvironment -EnvironmentName «\d+» -BackupRequestDefinition @\{\n/);
      assert.ok(scanned.strings.includes(id('b020')));
      assert.equal(valueOf(scanned, 'Label'), 'Before 10.0.41');
      assert.equal(valueOf(scanned, 'Notes'), 'Taken by PPI Assistant');
    });

    it('leaves Notes out when there are none', () => {
      const bare = scanScript(scriptOf(unifiedBackupScript({ environmentId: id('b020'), label: 'x', notes: '  ' })));
      assert.equal(valueOf(bare, 'Notes'), undefined);
    });

    it('uses real tenant and application ids when given, as GUIDs only', () => {
      const withIds = scanScript(
        scriptOf(unifiedBackupScript({ environmentId: id('b020'), label: 'x', tenantId: id('C001'), applicationId: id('0a01') })),
      );
      assert.equal(valueOf(withIds, '$tenantId'), id('c001'));
      assert.equal(valueOf(withIds, '$applicationId'), id('0a01'));
      assert.ok(!unifiedBackupScript({ environmentId: id('b020'), label: 'x', tenantId: 'contoso.onmicrosoft.com' }).ok);
      assert.ok(!unifiedBackupScript({ environmentId: id('b020'), label: 'x', applicationId: "x'; whoami; '" }).ok);
    });
  });

  describe('the restore script', () => {
    const scanned = scanScript(scriptOf(unifiedRestoreScript(restoreInput())));

    it('calls Restore-PowerAppEnvironment on the target with the request definition', () => {
      assert.match(scanned.skeleton, /\nRestore-PowerAppEnvironment -EnvironmentName «\d+» -RestoreToRequestDefinition @\{\n/);
      const target = /Restore-PowerAppEnvironment -EnvironmentName «(\d+)»/.exec(scanned.skeleton)?.[1];
      assert.equal(scanned.strings[Number(target)], id('b020'));
      assert.equal(valueOf(scanned, 'SourceEnvironmentId'), id('b004'));
      assert.equal(valueOf(scanned, 'TargetEnvironmentName'), 'contoso-unified');
      assert.match(scanned.skeleton, /\n {4}SkipAuditData = \$true\n/);
    });

    it('writes the restore point as yyyy-MM-dd HH:mm:ss in UTC', () => {
      assert.equal(valueOf(scanned, 'RestorePointDateTime'), '2025-06-01 10:05:07');
      const berlin = scanScript(scriptOf(unifiedRestoreScript(restoreInput({ restorePointUtc: new Date('2025-06-01T12:00:00+02:00') }))));
      assert.equal(valueOf(berlin, 'RestorePointDateTime'), '2025-06-01 10:00:00');
    });

    it('can keep the audit data', () => {
      const keep = scanScript(scriptOf(unifiedRestoreScript(restoreInput({ skipAuditData: false }))));
      assert.match(keep.skeleton, /\n {4}SkipAuditData = \$false\n/);
    });

    it('refuses ids that are not GUIDs, the same source and target, an empty name and an invalid date', () => {
      assert.ok(!unifiedRestoreScript(restoreInput({ sourceEnvironmentId: 'contoso-test' })).ok);
      assert.ok(!unifiedRestoreScript(restoreInput({ targetEnvironmentId: `${id('b020')}'; whoami` })).ok);
      assert.ok(!unifiedRestoreScript(restoreInput({ targetEnvironmentId: id('B004') })).ok);
      assert.ok(!unifiedRestoreScript(restoreInput({ targetEnvironmentName: '   ' })).ok);
      assert.ok(!unifiedRestoreScript(restoreInput({ restorePointUtc: new Date('nonsense') })).ok);
      assert.ok(!unifiedBackupScript({ environmentId: '{00000000-0000-0000-0000-00000000b020}', label: 'x' }).ok);
    });
  });

  describe('quoting', () => {
    const benign = scanScript(scriptOf(unifiedRestoreScript(restoreInput({ targetEnvironmentName: 'plain' })))).skeleton;

    for (const name of HOSTILE) {
      it(`keeps ${JSON.stringify(name)} inside its string`, () => {
        const scanned = scanScript(scriptOf(unifiedRestoreScript(restoreInput({ targetEnvironmentName: name }))));
        assert.equal(scanned.skeleton, benign, 'the code around the values is unchanged');
        assert.equal(valueOf(scanned, 'TargetEnvironmentName'), asPowerShellReadsIt(name));

        const backup = scanScript(scriptOf(unifiedBackupScript({ environmentId: id('b020'), label: name, notes: name })));
        assert.equal(valueOf(backup, 'Label'), asPowerShellReadsIt(name));
        assert.equal(valueOf(backup, 'Notes'), asPowerShellReadsIt(name));
      });
    }

    it('refuses control characters, line breaks and text-direction overrides', () => {
      for (const name of ['two\nlines', 'carriage\rreturn', 'tab\there', 'nul\u0000', 'esc\u001b[31m', 'next\u0085line', 'line\u2028sep', 'evil\u202Egnp.exe', 'isolate\u2066x']) {
        const result = psSingleQuoted(name, 'name');
        assert.ok(!result.ok, JSON.stringify(name));
        assert.ok(!unifiedRestoreScript(restoreInput({ targetEnvironmentName: name })).ok, JSON.stringify(name));
      }
    });

    it('doubles quotes and leaves $ and backticks alone (they are literal in single quotes)', () => {
      assert.deepEqual(psSingleQuoted("it's $x `n", 'v'), { ok: true, quoted: "'it''s $x `n'" });
      assert.deepEqual(psSingleQuoted('‘a’', 'v'), { ok: true, quoted: "'''a'''" });
    });
  });

  it('the test scanner itself catches an unbalanced quote', () => {
    assert.throws(() => scanScript("Write-Host 'oops"), /unterminated/);
    assert.throws(() => scanScript("Write-Host 'a’’"), /unterminated/);
    assert.deepEqual(scanScript("x = 'a''b' # it's a comment").strings, ["a'b"]);
  });
});
