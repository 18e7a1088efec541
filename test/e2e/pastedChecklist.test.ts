import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { FakeConnector } from '../support/fakeConnector';
import { message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';

/** The text of the card's first large TextBlock. */
function headingOf(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(headingOf).find((text) => text !== undefined);
  if (!node || typeof node !== 'object') return undefined;
  const element = node as Record<string, unknown>;
  if (element.type === 'TextBlock' && element.size === 'Large') return String(element.text);
  return Object.values(element).map(headingOf).find((text) => text !== undefined);
}

// Teams may flatten a pasted message's line breaks in `text` and keep them in a text/html part. A
// post-refresh checklist read as one line makes its finished business-events step look like the
// failure; read with its lines, the blocked dual-write step names the cause.
describe('a pasted checklist over HTTP, as Teams sends it', () => {
  it('triages the blocked step, not the steps reported done', async () => {
    const connector = await new FakeConnector().start();
    const scratch = scratchDir();
    const app: App = await startTestApp(`${scratch.dir}/ppi.sqlite`);
    try {
      const world = app.simulator!.getWorldState();
      const helpdesk = { aadObjectId: world.assistantRoles.helpdesk[0], name: 'Helpdesk' };
      const where = { serviceUrl: connector.url, scope: 'personal' as const };
      const lines = [
        'triage CHG-4471 post-refresh checklist, UAT (copied from PROD on Tuesday)',
        '1. Re-enable test users – done',
        '2. Batch jobs released from withhold – done',
        '3. Business events endpoint pointed at the test Service Bus namespace – done',
        '4. Restart dual-write maps – BLOCKED',
        'The dual-write page in UAT no longer shows a linked Dataverse environment and the map list is empty.',
      ];
      const activity = {
        ...message(where, helpdesk, lines.join(' ')),
        attachments: [{ contentType: 'text/html', content: lines.map((line) => `<p>${line}</p>`).join('') }],
      };
      await postActivity(app, activity);
      const reply = await connector.waitFor((r) => /Triage/.test(JSON.stringify(r.body)));
      // The card's large heading names the cause it answers with; the business events cause is not even an alternative.
      assert.equal(headingOf(reply.body.attachments[0].content), 'Dual-write link gone after a refresh or import');
      assert.doesNotMatch(JSON.stringify(reply.body), /Business events don't reach their endpoint or flow/);
    } finally {
      await app.stop();
      await connector.stop();
      scratch.cleanup();
    }
  });
});
