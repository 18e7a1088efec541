import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { bundledWorldPath } from '../../src/adapters/simulator/worldSchema';
import { FakeConnector } from '../support/fakeConnector';
import { execute } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';

describe('support hand-off over HTTP', () => {
  it('downloads the bundle as text and JSON, with no secret from the configuration', async () => {
    const connector = await new FakeConnector().start();
    const scratch = scratchDir();
    const secret = 'Config-Secret-Value-9f8e7d';
    // Authentication stays off (no app id), but a client secret sits in the configuration.
    const app: App = await startTestApp(`${scratch.dir}/ppi.sqlite`, {
      SIMULATOR_WORLD: bundledWorldPath('fabrikam-failing'),
      MicrosoftAppPassword: secret,
    });
    try {
      const world = app.simulator!.getWorldState();
      const helpdesk = { aadObjectId: world.assistantRoles.helpdesk[0], name: 'Helpdesk' };
      const where = { serviceUrl: connector.url, scope: 'personal' as const };
      const [failed] = (await app.lifecycle.listOperations({ status: 'Failed' })).filter((o) => o.kind === 'IntegrationSetup');
      await postActivity(app, execute(where, helpdesk, 'triage.operation', { operationId: failed.id }));
      const triageCard = await connector.waitFor((r) => /triage.handoff/.test(JSON.stringify(r.body)));
      const handoff = triageCard.body.attachments[0].content.actions.find((a: { verb: string }) => a.verb === 'triage.handoff');
      await postActivity(app, execute(where, helpdesk, 'triage.handoff', handoff.data));
      const links = await connector.waitFor((r) => /Download as text/.test(JSON.stringify(r.body)));
      const urls = [...new Set([...JSON.stringify(links.body).matchAll(/\((http[^)]+\.(?:txt|json))\)/g)].map((m) => `${app.http.url}${new URL(m[1]).pathname}`))];
      assert.equal(urls.length, 2);
      for (const url of urls) {
        const response = await fetch(url);
        assert.equal(response.status, 200);
        const body = await response.text();
        assert.match(body, new RegExp(failed.correlationId));
        assert.ok(!body.includes(secret), 'no configuration secret in the bundle');
      }
      assert.ok(connector.requests.every((r) => !JSON.stringify(r.body).includes(secret)), 'nor in anything sent to Teams');
    } finally {
      await app.stop();
      await connector.stop();
      scratch.cleanup();
    }
  });
});
