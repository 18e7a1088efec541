import assert from 'node:assert/strict';
import { guessedSpans, readGuesses } from '../../../src/domain/triage/guesses';
import { triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';

/** The parts of `text` read as guesses, trimmed. */
const guessed = (text: string) => guessedSpans(text).map((span) => text.slice(span.start, span.end).trim());

// Tickets and the summaries assistants draft for them list what someone suspected next to what is
// known. A product named only among the guesses does not make the text about it, and a cause
// named only there is a weaker clue than one the text states.

describe('triage: guesses a ticket lists', () => {
  it('reads the rest of a labelled line, wherever the label stands near its start', () => {
    assert.deepEqual(guessed('Possible causes: dual-write plug-in, F&O down.'), ['dual-write plug-in, F&O down.']);
    assert.deepEqual(guessed('L1 notes possible causes: the PPI user sync'), ['the PPI user sync']);
    assert.deepEqual(guessed('- Possible causes in the ticket: Synapse Link storage'), ['Synapse Link storage']);
    assert.deepEqual(guessed('L1 guesses: premium connector licence'), ['premium connector licence']);
    assert.deepEqual(guessed('Our assumptions so far: capacity is too low'), ['capacity is too low']);
    assert.deepEqual(guessed('Mögliche Ursachen: Dual-Write überschreibt die Daten'), ['Dual-Write überschreibt die Daten']);
    assert.deepEqual(guessed('考えられる原因：dual-write の停止'), ['dual-write の停止']);
  });

  it('reads a label that opens a later sentence of a chat line, up to that sentence\'s end', () => {
    assert.deepEqual(guessed('Saving an opportunity fails with a plug-in error. Possible causes: dual-write, F&O down. Facts: standalone Sales org.'), ['dual-write, F&O down']);
    assert.deepEqual(guessed('Copy failed; L1 guesses: capacity or the PPI link. The log says the target is Production.'), ['capacity or the PPI link']);
    // Not a label far into a sentence, nor one without its colon.
    assert.deepEqual(guessed(`Saving fails. The partner went through ${'the list of '.repeat(3)}possible causes: none fits.`), []);
    assert.deepEqual(guessed('Saving fails. Possible causes are many, the log says more.'), []);
  });

  it('reads the list under a label that ends its line, up to the first line that is no list item', () => {
    const text = '**Possible causes**\n\n1. Dual-write overwrote it\n2. The PPI link\n\n**Facts:** no dual-write here';
    assert.deepEqual(guessed(text), ['1. Dual-write overwrote it', '2. The PPI link']);
    assert.deepEqual(guessed('Hypotheses:\n- the F&O connector\nThe app reads SharePoint only.'), ['- the F&O connector']);
  });

  it('reads a sentence that voices a suspicion, and only that sentence', () => {
    assert.deepEqual(guessed('The portal is down. Customer suspects PPI caused it. The gateway password changed.'), ['Customer suspects PPI caused it']);
    assert.deepEqual(guessed('We think this may be related to the F&O integration'), ['We think this may be related to the F&O integration']);
    assert.deepEqual(guessed('Team guessed dual-write replaced the quote table. Quotes save fine.'), ['Team guessed dual-write replaced the quote table']);
    assert.deepEqual(guessed('Der Kunde vermutet Dual-Write als Ursache. Der Export bricht ab.'), ['Der Kunde vermutet Dual-Write als Ursache']);
    assert.deepEqual(guessed('My colleague thinks it is the daily limit of three operations. The versions differ.'), ['My colleague thinks it is the daily limit of three operations']);
  });

  it('reads the next steps a summary plans as no more a fact than its guesses', () => {
    assert.deepEqual(guessed('Next steps: check dual-write (Tim), check job queue (Sara).'), ['check dual-write (Tim), check job queue (Sara).']);
    assert.deepEqual(guessed('Action items: ask the partner about the PPI link'), ['ask the partner about the PPI link']);
    assert.deepEqual(guessed('Nächste Schritte: Dual-Write prüfen'), ['Dual-Write prüfen']);
    assert.deepEqual(guessed('Próximos pasos: revisar el vínculo de PPI'), ['revisar el vínculo de PPI']);
    assert.deepEqual(guessed('Volgende stappen: dual-write controleren'), ['dual-write controleren']);
    assert.deepEqual(guessed('Action : retirer le lien F&O de l\'application.'), ["retirer le lien F&O de l'application."]);
    // A flow's failed action is the fact itself.
    assert.deepEqual(guessed("Action 'Create record' failed: the F&O connector returned 401."), []);
  });

  it("reads a helpdesk agent's turns in a pasted chat as guesses, and the user's turns as what happened", () => {
    const nameFirst = ['Mikkel Dahl 09:30', 'PPI shows Not enabled on my cloud-hosted dev VM', 'Louise (IT-support) 09:33', 'maybe you lack a role in the LCS project?', 'Mikkel Dahl 09:34', 'I am Project owner'].join('\n');
    assert.deepEqual(guessed(nameFirst), ['Louise (IT-support) 09:33\nmaybe you lack a role in the LCS project?']);
    const timeFirst = '[15:20] Oliver: the Provisioning App fails\n[15:21] IT Support - Hana: did you install the Platform Tools first?\n[15:22] Oliver: yes, that one installed fine';
    assert.deepEqual(guessed(timeFirst), ['[15:21] IT Support - Hana: did you install the Platform Tools first?']);
    assert.deepEqual(guessed('Ulrika 08:12: the flow is suspended\nSupport (Hampus) 08:14: Kan det vara licensen?\nUlrika 08:15: jag har Premium'), ['Support (Hampus) 08:14: Kan det vara licensen?']);
    assert.deepEqual(guessed('Tomasz (D365 support), 11:15 AM\nis the batch job running?\nAnna, 11:17 AM\nno'), ['Tomasz (D365 support), 11:15 AM\nis the batch job running?']);
    // Glued into one line by a chat client, a bracketed time still opens each turn.
    assert.deepEqual(guessed(timeFirst.replace(/\n/g, ' ')), ['[15:21] IT Support - Hana: did you install the Platform Tools first?']);
    // Colleagues in a war room are no helpdesk: their lines are what they saw. A support group in a ticket is no speaker.
    assert.deepEqual(guessed('[10:02] Priya: sync fails with 403\n[10:03] Tom (DBA): the refresh finished at 06:10'), []);
    assert.deepEqual(guessed('Support group: ERP\nThe flow is suspended by a data policy.'), []);
  });

  it("does not answer with confidence what only the helpdesk agent's questions in a chat name", () => {
    const text = [
      '[15:20] Oliver Brennan: installing the Dynamics 365 Finance and Operations Provisioning App on our new sandbox fails every time',
      '[15:21] IT Support - Hana: did you install the Finance and Operations Platform Tools first? The provisioning app needs the platform tools solution installed before it',
      '[15:22] Oliver Brennan: yes, that one installed fine',
    ].join('\n');
    const tools = triageText(text).matches.find((match) => match.entryId === 'ude-platform-tools-missing');
    assert.ok(tools, 'still a clue');
    assert.notEqual(tools.confidence, 'high');
    // The card quotes the user's words before the agent's guess.
    assert.match(tools.evidence[0], /installing the Dynamics 365/);
    // Said by the user, the same words are a statement.
    const stated = triageText(text.replace('IT Support - Hana', 'Oliver Brennan')).matches.find((match) => match.entryId === 'ude-platform-tools-missing');
    assert.ok(stated && stated.score > tools.score, JSON.stringify([stated?.score, tools.score]));
  });

  it("reads a ticketing tool's AI triage fields as its guesses, and the user's words as the facts", () => {
    const text = [
      'INC0429331 | Now Assist triage',
      'Category: Integration > Dual-write',
      'AI summary: Closing an opportunity fails; the dual-write plug-in probably failed to write the record to F&O.',
      'Suggested resolution: Check the dual-write error queue.',
      'Similar tickets: INC0425010 (dual-write plugin error on account)',
      "User's original words:",
      '"Close as Won fails: Unexpected exception from plug-in (Execute): Proxima.Commission.Plugins.OpportunityWon: System.NullReferenceException. We are only on Dynamics 365 Sales, our ERP is SAP."',
    ].join('\n');
    assert.deepEqual(guessed(text), [
      'Integration > Dual-write',
      'Closing an opportunity fails; the dual-write plug-in probably failed to write the record to F&O.',
      'Check the dual-write error queue.',
      'INC0425010 (dual-write plugin error on account)',
    ]);
    assert.deepEqual(guessed('KI-Zusammenfassung: Entity Store in FnO fehlgeschlagen\nLösungsvorschlag: PowerBI.com-Konfiguration in FnO prüfen'), ['Entity Store in FnO fehlgeschlagen', 'PowerBI.com-Konfiguration in FnO prüfen']);
    assert.deepEqual(guessed('Ähnliche Meldungen: M2503 (Power BI Kacheln leer in FnO)'), ['M2503 (Power BI Kacheln leer in FnO)']);
    // A one-line paste: each field ends at its separator, an inline AI note at its closing quote.
    assert.deepEqual(guessed("BMC Helix INC0436020 | Kat: ERP > Copilot in FnO | P4 | KI: 'Copilot-Apps fehlen' | Nutzerin: kein Copilot in Word"), ['ERP > Copilot in FnO', "'Copilot-Apps fehlen'"]);
    assert.deepEqual(guessed("Zendesk #84812 · Mailbox access · AI: 'Invoice capture channel flow lost its connection' · Maja (HR): new recruiter can't open the shared mailbox"), ["'Invoice capture channel flow lost its connection'"]);
    assert.deepEqual(guessed("Mailbox access, AI: 'Invoice capture channel flow lost its connection' Maja (HR): new recruiter can't open it"), ["'Invoice capture channel flow lost its connection'"]);
    assert.notEqual(triageText(text).best?.confidence, 'high', JSON.stringify(triageText(text).matches));
  });

  it('counts a match that begins or ends among the guesses as leaning on them', () => {
    const text = 'Category: ERP / Integration / OData\nPriority: P3';
    const { inGuess } = readGuesses(normalise(text).tokens, text);
    assert.equal(inGuess(text.indexOf('OData'), text.indexOf('P3') + 2), true);
    assert.equal(inGuess(text.indexOf('Priority'), text.length), false);
  });

  it('answers a cause that only the guesses, plans or AI fields name at most low', () => {
    const text = [
      'SysAid SR#35477 — AI triage',
      'Category: ERP > Business events > Alerts',
      "AI summary: Alerts are not arriving. The 'Change based alerts' batch job is probably not running or runs too rarely.",
      'Suggested solution: Schedule the Change based alerts batch job every 5 minutes.',
      "Submitter's text:",
      '"Is it possible to get an email when someone changes a customer credit limit in FnO? We have never used alerts before."',
    ].join('\n');
    const result = triageText(text);
    assert.equal(result.best, null, JSON.stringify(result.matches));
    assert.equal(result.matches[0]?.entryId, 'change-based-alerts-batch-not-running', 'still the closest entry');
  });

  it("reads what a bot, an assistant or a colleague suggested as a suspicion", () => {
    assert.deepEqual(guessed('Sync errors on the BC page. The bot suggested this might be a dual-write problem. The job queue runs.'), ['The bot suggested this might be a dual-write problem']);
    assert.deepEqual(guessed('Import fails. The assistant suggested that the F&O solutions are missing.'), ['The assistant suggested that the F&O solutions are missing']);
    assert.deepEqual(guessed('The summary proposes that the FnO virtual tables are down. The page reads a custom table.'), ['The summary proposes that the FnO virtual tables are down']);
    assert.deepEqual(guessed('Someone mentioned it could be the Link to Fabric for FnO. The notebook fails.'), ['Someone mentioned it could be the Link to Fabric for FnO']);
    assert.deepEqual(guessed("L'assistant suggère que le lien PPI est cassé. Le flux échoue."), ["L'assistant suggère que le lien PPI est cassé"]);
    assert.deepEqual(guessed('El bot sugiere que es dual-write. La app falla.'), ['El bot sugiere que es dual-write']);
    assert.deepEqual(guessed('Il bot suggerisce che sia il dual-write. La app non parte.'), ['Il bot suggerisce che sia il dual-write']);
    assert.deepEqual(guessed('De bot denkt aan de FO-licenties. Het apparaat toont een fout.'), ['De bot denkt aan de FO-licenties']);
    assert.deepEqual(guessed('Field Service mobile sync fails. is that the FnO integration? our work orders do not touch FnO'), ['is that the FnO integration?']);
    assert.deepEqual(guessed('The SQL pool is paused. FnO Synapse Link FnO-810 again? no, that is the group DWH pool.'), ['FnO Synapse Link FnO-810 again?']);
    assert.deepEqual(guessed('[08:18] Ines: Link to Fabric with the FnO tables also broken?\n[08:19] Amir: no, updated at 07:00, fine'), ['[08:18] Ines: Link to Fabric with the FnO tables also broken?']);
    // A question that asks for help names no suspect.
    assert.deepEqual(guessed('How do I link F&O to Dataverse?'), []);
    // The writer's own suggestion to do something is no suspicion.
    assert.deepEqual(guessed('Microsoft suggested restarting the maps, which fixed it.'), []);
  });

  it('reads a hedged suggestion as a guess: the hedge opens its sentence, or the sentence asks', () => {
    assert.deepEqual(guessed('Import fails. Maybe the feature needs switching on in Feature management first.'), ['Maybe the feature needs switching on in Feature management first.']);
    assert.deepEqual(guessed('Guten Morgen. Eventuell liegt sie in einer anderen Region.'), ['Eventuell liegt sie in einer anderen Region.']);
    assert.deepEqual(guessed('Hi Carina, ist das Team für Österreich vielleicht nicht berechtigt?'), ['Hi Carina, ist das Team für Österreich vielleicht nicht berechtigt?']);
    assert.deepEqual(guessed('Outlook mein koi rule banaya tha shayad.'), ['Outlook mein koi rule banaya tha shayad.']);
    assert.deepEqual(guessed('The map stopped on Sunday. Probably the connection owner left the company.'), ['Probably the connection owner left the company.']);
    assert.deepEqual(guessed('Der Export bricht ab. Vermutlich ist die Datei zu groß.'), ['Vermutlich ist die Datei zu groß.']);
    assert.deepEqual(guessed('Synkronointi ei toimi. Ehkä lisenssi puuttuu?'), ['Ehkä lisenssi puuttuu?']);
    // A hedge before a number only rounds it; one deep in a statement is the writer's aside.
    assert.deepEqual(guessed('Maybe 20 users get the error after the refresh.'), []);
    assert.deepEqual(guessed('The dual-write map stopped after the refresh of UAT on Sunday, maybe around noon.'), []);
  });

  it("reads the questions in an email thread's quoted history as suggestions, and the writer's own questions as the writer's", () => {
    const thread = [
      'Hi Dana, thanks for the SQL output: the demo partition is left over. Is there a way to remove it?',
      '',
      'From: Miguel Santos',
      'Sent: Friday, 11 April 2025 10:20',
      'Subject: RE: Import fails in LCS',
      '',
      'Version mismatch? The bacpac is from 10.0.43 as well. Did you check the file for corruption?',
    ].join('\n');
    assert.deepEqual(guessed(thread), ['Version mismatch?', 'Did you check the file for corruption?']);
    const german = 'Die App ist installiert.\n\nVon: Andreas Gruber\nGesendet: Mittwoch, 11. Juni 2025 14:20\nBetreff: AW: Provisioning App\n\nHallo Herr Huber, ist die Power Platform Tools App vorher installiert worden? Die braucht es.';
    assert.deepEqual(guessed(german), ['ist die Power Platform Tools App vorher installiert worden?']);
    assert.deepEqual(guessed('Upgrade done.\n-----Original Message-----\nRegion thing?'), ['Region thing?']);
    assert.deepEqual(guessed('Upgrade done.\nOn Tue, 3 Nov 2025 at 10:14, Jan Novak <jan@contoso.com> wrote:\nRegion thing?'), ['Region thing?']);
    assert.deepEqual(guessed('Upgrade done.\nAm 03.11.2025 um 10:14 schrieb Jan Novak:\nRegion thing?'), ['Region thing?']);
    // A sentence that only says "on … wrote:" is no mail client's line: what follows is still the writer's.
    assert.deepEqual(guessed('I relied on what the consultant wrote:\nRegion thing?'), []);
    // The Agents Playground sends a pasted thread's lines glued together, with no space where a line ended.
    const glued = 'The Platform Tools app is installed.From: Andreas GruberSent: Wednesday, 11 June 2025 14:20Subject: RE: Provisioning AppDid you install the Power Platform Tools app first? It is required.';
    assert.deepEqual(guessed(glued), ['Did you install the Power Platform Tools app first?']);
    // Without a thread, the writer's questions carry the symptom.
    assert.deepEqual(guessed('09:05 got the System Administrator role; 09:12 LCS refused. Is there a propagation delay?'), []);
    assert.deepEqual(guessed('The option is missing. Is the option hidden for cloud-hosted boxes, or do we need another role?'), []);
  });

  it('ends a line of guesses where a label of facts begins, as a chat client glues the lines into one', () => {
    assert.deepEqual(guessed('Possible causes: dual-write, the PPI link Facts: standalone Sales org, no F&O.'), ['dual-write, the PPI link']);
    assert.deepEqual(guessed("Category: Integration > Dual-write User's original words: the plug-in fails."), ['Integration > Dual-write']);
    // A flow's step named after "Action:", then the error it returned: the error is the fact.
    assert.deepEqual(guessed('Action: Create record (V3) Error: the F&O connector returned 401 Unauthorized.'), ['Create record (V3)']);
  });

  it('ends a suspicion at a bullet, as a chat client glues a list into one line, but reads a glued list under a label whole', () => {
    assert.deepEqual(guessed('Summary: room cannot join meetings – bot denkt aan FO-licenties • Facts: the room lost its Teams Rooms licence'), ['Summary: room cannot join meetings – bot denkt aan FO-licenties']);
    assert.deepEqual(guessed('Sync errors on the BC page. Possible causes discussed: • dual-write map stopped • F&O licence expired. Facts: BC only.'), ['• dual-write map stopped • F&O licence expired']);
  });

  it('reads no guess in a plain statement, a cause a label does not announce, or a label far into a line', () => {
    assert.deepEqual(guessed('The dual-write map stopped with a 401 after the refresh.'), []);
    // The writer's own hedge is no one else's guess: the denial in it still counts.
    assert.deepEqual(guessed('Can we move audit logs out? Nothing to do with F&O I think, that env is not linked.'), []);
    assert.deepEqual(guessed('Root cause: the application user lost its role.'), []);
    assert.deepEqual(guessed(`${'x'.repeat(70)} possible causes: dual-write`), []);
    // "d365fo.tools" goes on: a full stop ends a sentence only before a space.
    assert.deepEqual(guessed('Team suspects d365fo.tools broke it. Later the import worked.'), ['Team suspects d365fo.tools broke it']);
  });

  it('keeps a product named only among the guesses from making another product\'s failure ours', () => {
    const text = [
      'Saving a case in the Customer Service Hub fails: "Unexpected exception from plug-in (Execute): Contoso.Cases.SlaPlugin: System.NullReferenceException".',
      'Possible causes: dual-write plug-in failure, F&O unavailable.',
      'The org is a standalone Customer Service environment with no dual-write solutions.',
    ].join('\n');
    const result = triageText(text);
    assert.notEqual(result.best?.confidence, 'high', JSON.stringify(result.matches));
    // The same text stating dual-write as a fact is ours again, and names the plug-in failure.
    const stated = triageText(text.replace('Possible causes: ', 'Seen in the log: ').replace('a standalone Customer Service environment with no dual-write solutions', 'linked to F&O through dual-write'));
    assert.equal(stated.matches[0]?.entryId, 'live-sync-plugin-error');
  });

  it('lets a stated message outweigh a cause named only among the guesses', () => {
    const text = [
      'PPI setup on sandbox qa-fo-07 fails after a while.',
      'LCS says the user running the setup does not have the required security role in the selected Dataverse environment.',
      'Our assumptions: the Dataverse environment is already linked to another F&O environment.',
    ].join('\n');
    assert.equal(triageText(text).matches[0]?.entryId, 'system-admin-role-missing');
    // Stated as a fact, the link to another environment is specific evidence again.
    const stated = triageText(text.replace('Our assumptions: the', 'PPAC shows the'));
    assert.ok(stated.matches.slice(0, 2).some((match) => match.entryId === 'target-already-linked'), JSON.stringify(stated.matches));
  });

  it('counts a cause named only among the guesses half', () => {
    const stated = 'PPAC shows the Dataverse environment is already linked to another F&O environment.';
    const guessedText = 'Our assumptions: the Dataverse environment is already linked to another F&O environment.';
    const score = (text: string) => triageText(text).matches.find((match) => match.entryId === 'target-already-linked');
    assert.ok(score(stated) && score(guessedText), 'both name the cause');
    assert.ok(score(guessedText)!.score < score(stated)!.score, `${score(guessedText)!.score} < ${score(stated)!.score}`);
    assert.notEqual(score(guessedText)!.confidence, 'high');
  });

  it('reads a code of two ordinary words as another cloud\'s when F&O\'s world is named only among the guesses', () => {
    // "InsufficientCapacity" is every cloud's code: it is evidence only in a text about F&O's world.
    const vm = 'Azure VM deployment failed: InsufficientCapacity, no capacity available in this region.';
    assert.equal(triageText(`${vm}\nPossible causes: Dataverse capacity, the PPI setup.`).best, null);
    assert.equal(triageText(`${vm}\nSeen in: Dataverse capacity, the PPI setup.`).best?.entryId, 'insufficient-capacity');
  });

  it('does not put a text in F&O\'s world by products named only among the guesses', () => {
    const text = 'Blob trigger of our Logic App fails with AuthorizationPermissionMismatch on the storage account.\nPossible causes: Synapse Link storage access, business events, dual-write.';
    assert.notEqual(triageText(text).best?.confidence, 'high', JSON.stringify(triageText(text).matches));
  });

  it('gives no confident answer to an AI recap of another product whose F&O words are all guesses, plans or denials', () => {
    const text = [
      'Copilot summary – "BC ↔ Dataverse sync errors" call',
      'Summary: since the new security role was rolled out in Dataverse, the Business Central coupling of customers shows errors. The bot suggested this might be a dual-write problem or an F&O licence issue.',
      'Possible causes discussed: • dual-write map stopped • F&O licence expired',
      'Next steps: check dual-write (Tim), check job queue (Sara).',
      'Facts: the company runs Business Central online only, there is no Finance & Operations tenant and no dual-write. Error on the BC page: "Principal user (Id=3c9e…, type=8) is missing prvReadAccount privilege (Id=886b280c-6396-4d56-a0a3-2c1b0a50ceb0)".',
    ].join('\n');
    assert.equal(triageText(text).best, null, JSON.stringify(triageText(text).matches));
    // Typed into a chat client that sends the lines glued into one, it is still no answer.
    assert.equal(triageText(text.replace(/\n/g, ' ')).best, null, JSON.stringify(triageText(text.replace(/\n/g, ' ')).matches));
    // The same failure stated in F&O's world (dual-write's team privilege after a copy) is ours.
    const ours = 'Dual-write: saving a customer in F&O fails: "Principal user (Id=3c9e…, type=8) is missing prvReadAccount privilege (Id=886b280c-6396-4d56-a0a3-2c1b0a50ceb0)" since the owning team changed.';
    assert.notEqual(triageText(ours).best, null, JSON.stringify(triageText(ours).matches));
  });

  it('counts a code or an id named only in a plan or a guess as a clue, not as what the text shows', () => {
    const facts = 'Linking on the Dual-write page shows a server error instead of the list of legal entities; the browser console shows HTTP 500 on the legal entities call.';
    const planned = triageText(`${facts} Next step: global admin to re-consent app 33976c19-1bb1-4542-bbc3-73da8d7b0d1d.`);
    const consent = (result: ReturnType<typeof triageText>) => result.matches.find((match) => match.entryId === 'dual-write-admin-consent');
    assert.notEqual(consent(planned)?.confidence, 'high', JSON.stringify(planned.matches));
    const stated = triageText(`${facts} The error names app 33976c19-1bb1-4542-bbc3-73da8d7b0d1d: consent was never granted.`);
    assert.ok((consent(stated)?.score ?? 0) > (consent(planned)?.score ?? 0), JSON.stringify(stated.matches));
  });

  it('does not count a product named to say it is not involved as naming its world', () => {
    const text = 'Blob trigger of our Logic App fails with AuthorizationPermissionMismatch on the storage account. Possible causes: Synapse Link storage access. The Logic App posts to an on-premises system; no Dynamics involved.';
    assert.notEqual(triageText(text).best?.confidence, 'high');
  });
});
