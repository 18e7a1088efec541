import assert from 'node:assert/strict';
import { findChromium, openPlayground, type PlaygroundSession } from '../../scripts/playgroundDriver';

// The Microsoft 365 Agents Playground itself, in headless Chromium, against the real bot on the
// simulator: what a new user clicks through in the first minutes. Every step is a click or a typed
// message in the real chat client, so a button the client cannot deliver fails here.

const chromiumPath = findChromium();

describe('in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);
  let s: PlaygroundSession;

  before(async function () {
    if (!chromiumPath) {
      console.log(
        '\n  Skipped the Agents Playground test: no Chromium found. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable.\n',
      );
      this.skip();
    }
    s = await openPlayground({ chromiumPath: chromiumPath! });
  });
  after(async () => s?.close());

  it('welcome → help → readiness → setup → confirmation → one live card → notice, and the channel hears of it', async () => {
    // A channel follows the environment first (an @mention, as in Teams).
    await s.open('ERP operations');
    await s.say('subscribe contoso-prod');
    await s.card(/Following contoso-prod/);

    await s.open('Personal Chat');
    await s.card(/Hello, I am PPI Assistant/);
    await s.press('Help');
    const help = await s.card(/What PPI Assistant can do/);
    // Short cards: the rest of the commands unfold in the client itself.
    assert.equal(await help.getByText('Shows the latest entries of the audit log.').isVisible(), false);
    await s.press('More commands');
    await help.getByText('Shows the latest entries of the audit log.').waitFor();
    await s.press('Readiness check');
    await s.card(/Pick the finance and operations environment/);
    await s.choose(/Finance and operations environment/, /contoso-prod/);
    await s.press('Check');
    const report = await s.card(/Continue to setup/);
    assert.equal(await report.getByText('Qualifying Dynamics 365 licence').isVisible(), false, 'passed checks are folded');
    await report.getByRole('button', { name: /Show the \d+ passed checks/ }).click();
    await report.getByText('Qualifying Dynamics 365 licence').waitFor();
    await s.press('Continue to setup');
    await s.card(/Set up the Power Platform integration/);
    await s.tick(/I agree/);
    await s.press('Review');
    await s.card(/Confirm an irreversible change/);
    await s.fill(/Type your name/, 'Priya Raman');
    await s.press('Confirm and start setup');

    const notice = await s.card(/Power Platform integration setup of contoso-prod succeeded/, 60_000);
    assert.match(await notice.innerText(), /Dataverse confirms the link/);
    // One card follows the operation: the confirmation became it, nothing else shows the same setup.
    const liveCards = s.page.locator('.ac-adaptiveCard').filter({ hasText: /Power Platform integration setup · contoso-prod/ });
    assert.equal(await liveCards.count(), 1);
    assert.match(await liveCards.first().innerText(), /Succeeded after/);

    // In the channel: one thread (the first post, the live card and the notice replying to it).
    await s.open('ERP operations');
    await s.card(/Power Platform integration setup of contoso-prod succeeded/);
    const thread = s.page
      .locator('.fui-Card')
      .filter({ hasText: /Priya Raman started the Power Platform integration setup of contoso-prod/ })
      .filter({ hasText: /integration setup · contoso-prod/ })
      .filter({ hasText: /integration setup of contoso-prod succeeded/ });
    assert.ok((await thread.count()) >= 1, 'start, live card and notice in one thread');
  });
});
