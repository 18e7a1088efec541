import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { FakeConnector } from '../support/fakeConnector';
import { execute, message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';
import { CAST } from '../support/worldHarness';

describe('exported readiness reports over HTTP', () => {
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;

  before(async () => {
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    app = await startTestApp(`${scratch.dir}/ppi.sqlite`);
  });
  after(async () => {
    await app.stop();
    await connector.stop();
    scratch.cleanup();
  });

  it('serves the Markdown and JSON behind the export links, and nothing with a wrong token', async () => {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await postActivity(app, message(where, CAST.priya, 'readiness contoso-prod'));
    const report = await connector.waitFor((r) => r.kind === 'update' && /readiness.export/.test(JSON.stringify(r.body)));
    const exportAction = report.body.attachments[0].content.actions.find((a: { verb: string }) => a.verb === 'readiness.export');
    await postActivity(app, execute(where, CAST.priya, 'readiness.export', exportAction.data));
    const links = await connector.waitFor((r) => /Download Markdown/.test(JSON.stringify(r.body)));
    const [markdownUrl, jsonUrl] = [...JSON.stringify(links.body).matchAll(/\((http[^)]+\.(?:md|json))\)/g)].map((m) => m[1]);
    // The links use PUBLIC_BASE_URL (localhost:<configured port>); ask this test server instead.
    const local = (url: string) => `${app.http.url}${new URL(url).pathname}`;

    const markdown = await fetch(local(markdownUrl));
    assert.equal(markdown.status, 200);
    assert.match(markdown.headers.get('content-disposition') ?? '', /attachment; filename="ppi-readiness-contoso-prod/);
    const text = await markdown.text();
    assert.match(text, /contoso-prod/);
    assert.match(text, /capacity/i);

    const json = await fetch(local(jsonUrl));
    assert.equal(json.status, 200);
    const parsed = (await json.json()) as { sha256: string };
    assert.match(parsed.sha256, /^[0-9a-f]{64}$/);

    const forged = local(markdownUrl).replace(/\/[A-Za-z0-9_-]+\.md$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.md');
    assert.equal((await fetch(forged)).status, 404);
    assert.equal((await fetch(`${app.http.url}/api/unknown-kind/x/AAAAAAAAAAAAAAAAAAAAAAAA.md`)).status, 404);
  });
});
