import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { fromRoot } from '../src/projectRoot';
import { findChromium, openPlayground, type PlaygroundSession } from './playgroundDriver';

// `npm run screenshots`: PNG pictures of the main cards as the Agents Playground shows them, for the
// README (docs/images/). Run it again whenever a card changes. Needs a Chromium (CHROMIUM_PATH or the
// usual install paths), and a CJK font (Debian: fonts-noto-cjk) for the localized triage picture;
// everything runs on this machine.

const OUT = fromRoot('docs', 'images');

async function shoot(card: Locator, name: string): Promise<void> {
  const page = card.page();
  const viewport = page.viewportSize()!;
  // A card taller than the window would be pictured under the Playground's header: make room first.
  const height = (await card.boundingBox())?.height ?? 0;
  if (height + 300 > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) + 300 });
  try {
    await card.scrollIntoViewIfNeeded();
    // Let the Playground finish laying the card out (fonts, images) before the picture.
    await page.waitForTimeout(400);
    await card.screenshot({ path: `${OUT}/${name}.png` });
  } finally {
    await page.setViewportSize(viewport);
  }
  console.log(`docs/images/${name}.png`);
}

async function personalJourney(s: PlaygroundSession): Promise<void> {
  await s.open('ERP operations');
  await s.say('subscribe contoso-prod');
  await s.card(/Following contoso-prod/);

  await s.open('Personal Chat');
  await shoot(await s.card(/Hello, I am PPI Assistant/), 'welcome');
  await s.press('Help');
  await shoot(await s.card(/What PPI Assistant can do/), 'help');
  await s.say('readiness contoso-prod');
  await shoot(await s.card(/Continue to setup/), 'readiness');
  await s.press('Continue to setup');
  await shoot(await s.card(/Set up the Power Platform integration/), 'setup-options');
  await s.tick(/I agree/);
  await s.press('Review');
  await shoot(await s.card(/Confirm an irreversible change/), 'confirmation');
  await s.fill(/Type your name/, 'Priya Raman');
  await s.press('Confirm and start setup');
  await shoot(await s.card(/Power Platform integration setup · contoso-prod[\s\S]*(Running|running|In progress|in progress)/, 30_000), 'live-card');
  await shoot(await s.card(/integration setup of contoso-prod succeeded/, 60_000), 'notice');

  await s.open('ERP operations');
  await s.card(/integration setup of contoso-prod succeeded/);
  // The whole thread: the first post, the live card and the notice replying to it.
  const thread = s.page
    .locator('.fui-Card')
    .filter({ hasText: /started the Power Platform integration setup of contoso-prod/ })
    .filter({ hasText: /integration setup of contoso-prod succeeded/ })
    .last();
  await shoot(thread, 'channel-thread');

  await s.open('Personal Chat');
  await s.say('backup contoso-test');
  await shoot(await s.card(/contoso-test/), 'plan');
  await s.say('backup Contoso Finance Unified');
  await s.press('PowerShell script');
  await shoot(await s.card(/Add-PowerAppsAccount/), 'powershell');
  await s.say('status');
  await shoot(await s.card(/contoso-uat/), 'status');
}

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable.');
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  // A slower clock than the tests so the live card can be caught while provisioning runs.
  const s = await openPlayground({ chromiumPath, timeScale: 600 });
  try {
    await personalJourney(s);
    const helpdesk = await openPlayground({ chromiumPath, as: 'helpdesk' });
    try {
      await helpdesk.say('triage');
      await shoot(await helpdesk.card(/triage|Triage/), 'triage');
      // A screen pasted in the display language of the tenant (Traditional Chinese here).
      await helpdesk.say('triage 儲存連接集失敗!已新增具有相同金鑰的項目。');
      await shoot(await helpdesk.card(/same name|duplicate|Duplicate/), 'triage-localized');
    } finally {
      await helpdesk.close();
    }
  } finally {
    await s.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
