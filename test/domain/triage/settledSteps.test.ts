import assert from 'node:assert/strict';
import { triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';
import { settledLines } from '../../../src/domain/triage/settledSteps';

/** The lines of `text` read as steps done without trouble. */
const settled = (text: string) => settledLines(normalise(text).tokens, text).map((line) => text.slice(line.start, line.end).trim());

// Checklists and ticket updates list the steps that went fine next to the one that did not. The
// finished steps name other causes' words (business events, batch jobs, users), so read as
// symptoms they pulled a post-refresh checklist towards the cause of a step that had worked.

describe('triage: checklist steps reported done', () => {
  it('reads a status set apart at the end or the start of a short line', () => {
    assert.deepEqual(settled('3. Business events endpoint re-pointed – done'), ['3. Business events endpoint re-pointed – done']);
    assert.deepEqual(settled('Cache cleared: OK'), ['Cache cleared: OK']);
    assert.deepEqual(settled('Cache cleared: OK ✅'), ['Cache cleared: OK ✅']);
    assert.deepEqual(settled('Maps restarted (completed)'), ['Maps restarted (completed)']);
    assert.deepEqual(settled('Step 5: N/A'), ['Step 5: N/A']);
    assert.deepEqual(settled('DONE: roles checked in Dataverse'), ['DONE: roles checked in Dataverse']);
    assert.deepEqual(settled('[x] Users re-enabled'), ['[x] Users re-enabled']);
    assert.deepEqual(settled('- ✓ maps restarted'), ['- ✓ maps restarted']);
    assert.deepEqual(settled('- Endpoint on the test Service Bus ✔'), ['- Endpoint on the test Service Bus ✔']);
    assert.deepEqual(settled('Step 1: System administrator role in the target environment confirmed ✓'), ['Step 1: System administrator role in the target environment confirmed ✓']);
  });

  it('reads the status words of the languages tickets arrive in, unglossed', () => {
    assert.deepEqual(settled('1. Benutzer aktivieren – fatto'), ['1. Benutzer aktivieren – fatto']);
    assert.deepEqual(settled('2. Batch-Jobs freigegeben: erledigt'), ['2. Batch-Jobs freigegeben: erledigt']);
    assert.deepEqual(settled('3. Eindpunt bijgewerkt - afgerond'), ['3. Eindpunt bijgewerkt - afgerond']);
    assert.deepEqual(settled('4. Usuarios habilitados – hecho'), ['4. Usuarios habilitados – hecho']);
    assert.deepEqual(settled('5. Stap overgeslagen: n.v.t.'), ['5. Stap overgeslagen: n.v.t.']);
  });

  it('leaves prose, questions, long lines and lines that speak of trouble as evidence', () => {
    assert.deepEqual(settled('The restart is done'), []);
    assert.deepEqual(settled('Maps restarted – done, but still failing'), []);
    assert.deepEqual(settled('4. Restart dual-write maps – error'), []);
    assert.deepEqual(settled('Initial sync – not done'), []);
    assert.deepEqual(settled('5. Maps restarted but the customers map is not running – done'), []);
    assert.deepEqual(settled('OK — will it resume by itself or do I have to re-add everything?'), []);
    assert.deepEqual(settled('> Checked the Service Bus metrics: 37 messages with gaps in the control numbers'), []);
    assert.deepEqual(settled(`Rodrigo: the refresh of UAT with last night's production database finished ✅`), []);
    const long = 'We pointed the business events endpoint at the new namespace and then re-ran the whole activation of every event in the catalog for each company – done';
    assert.deepEqual(settled(long), []);
  });

  it('lets the blocked step of a checklist name the cause, not the steps that worked', () => {
    const checklist = [
      'CHG-4471 post-refresh checklist, UAT (copied from PROD on Tuesday)',
      '1. Re-enable test users – done',
      '2. Batch jobs released from withhold – done',
      '3. Business events endpoint pointed at the test Service Bus namespace – done',
      '4. Restart dual-write maps – BLOCKED',
      '   The dual-write page in UAT no longer shows a linked Dataverse environment and the map list is empty.',
    ].join('\n');
    const result = triageText(checklist);
    assert.equal(result.matches[0]?.entryId, 'refresh-removes-dual-write-link');
    assert.ok(!result.matches.some((match) => match.entryId === 'business-event-endpoint-stale' && match.confidence !== 'low'));
  });

  it('does not quote or count a finished step for another cause', () => {
    const update = [
      'Daily handover, integration desk',
      '- Business events: endpoint secret rotated in Key Vault – OK',
      '- Initial sync of Customers V3 failed again: "AX export encountered an error", the data import/export service is not reachable',
    ].join('\n');
    const result = triageText(update);
    assert.equal(result.matches[0]?.entryId, 'initial-sync-export-service');
    assert.ok(!result.matches.some((match) => match.entryId === 'business-event-endpoint-key-vault'));
  });
});
