import assert from 'node:assert/strict';
import { aboutAnotherProduct, deniedParts, isProductSpecificLiteral, mentionsDomain } from '../../../src/domain/triage/domainAnchor';
import { ENGLISH_TEXT_ASK, triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';

/** Whether the text is about another product that names nothing of F&O but to deny it. */
const another = (text: string) => {
  const { tokens, original } = normalise(text);
  return aboutAnotherProduct(tokens, original);
};

// Texts from other clouds share some of our codes and words; a text that names nothing of F&O,
// Dataverse or their tools must not get a confident answer from those alone, while the same code
// pasted from the admin center still names its cause.

describe('triage: texts that name nothing of the product', () => {
  it('a two-word code another cloud also uses gives no answer when nothing else points at the product', () => {
    const result = triageText('Error: error creating Net: 400 Bad Request {"Errors":[{"Code":"10001","Type":"InsufficientCapacity"}],"ResponseContext":{"RequestId":"0b8f"}}');
    assert.equal(result.verdict, 'no-confident-match');
    assert.equal(result.best, null);
    // Its words ("insufficient capacity") may still list the closest entries, at low confidence.
    assert.ok(result.matches.every((match) => match.confidence === 'low'));
  });

  it('an Entra ID sign-in code from some other app is no answer, the same code on a Dataverse connection is', () => {
    const elsewhere = triageText("AADSTS700016: Application with identifier 'abc' was not found in the directory 'Contoso'. You may have sent your authentication request to the wrong tenant.");
    assert.equal(elsewhere.best, null);
    const dataverse = triageText("Connection to Microsoft Dataverse failed. AADSTS700016: Application with identifier 'abc' was not found in the directory 'Contoso'.");
    assert.equal(dataverse.best?.entryId, 've-app-id-wrong');
  });

  it('the same code in a Dataverse text still names the capacity cause', () => {
    const result = triageText('Creating the Dataverse environment failed: InsufficientCapacity');
    assert.equal(result.best?.entryId, 'insufficient-capacity');
    assert.notEqual(result.best?.confidence, 'low');
  });

  it('a product-specific code is evidence on its own, with no product name around it', () => {
    const result = triageText('POST provisionInstance failed: 502 Bad Gateway');
    assert.equal(result.best?.entryId, 'provision-instance-bad-gateway');
  });

  it('gives no confident answer to another product that shares Dataverse, unless the text names F&O', () => {
    const sales = triageText("Sales Hub: saving an opportunity throws 'Unexpected exception from plug-in (Execute): Contoso.Plugins.Discount: System.InvalidCastException'. No F&O involved.");
    assert.equal(sales.verdict, 'no-confident-match');
    const flow = triageText("Power Automate cloud flow 'Copy list to Dataverse' fails at 'Add a new row': 429 Too Many Requests - Rate limit is exceeded. Connector: SharePoint.");
    assert.equal(flow.verdict, 'no-confident-match');
    const businessCentral = triageText("BC admin center: copying Production to a new sandbox stopped with 'Another operation is already running on the source environment'.");
    assert.equal(businessCentral.verdict, 'no-confident-match');
    // The same plug-in exception during dual-write live sync names F&O and is answered.
    const dualWrite = triageText("Dual-write live sync from F&O fails: 'Unexpected exception from plug-in (Execute): Microsoft.Dynamics.Integrator.DualWriteRuntime.Plugins.PostCommitPlugin'.");
    assert.notEqual(dualWrite.verdict, 'no-confident-match');
    const tokens = (text: string) => normalise(text).tokens;
    assert.ok(aboutAnotherProduct(tokens('Business Central sandbox copy failed')));
    assert.ok(aboutAnotherProduct(tokens('Power Automate flow failed, no F&O involved')), 'F&O named to say it is not in play');
    assert.ok(!aboutAnotherProduct(tokens('Sales hub users can not create accounts since dual-write went live')));
    assert.ok(!aboutAnotherProduct(tokens('A Power Automate flow reads mserp_custcustomerv3entity and fails')));
    assert.ok(aboutAnotherProduct(tokens("We're not using F&O here, this is a plain model-driven app: copy failed")), 'F&O denied outright, no other product named');
    assert.ok(!aboutAnotherProduct(tokens('The environment page has no F&O URL after the provisioning app finished')), 'a missing F&O part still names F&O');
    assert.ok(!aboutAnotherProduct(tokens('Users get "user not found in F&O" on a virtual table')));
    assert.ok(aboutAnotherProduct(tokens('Synapse Link for Dataverse shows Not linked after the restore')));
    assert.ok(aboutAnotherProduct(tokens('The flow only uses SharePoint and Outlook; it does not use Dataverse or the Fin & Ops Apps connector.')), 'the negation reaches over another product, "or" and an article');
    assert.ok(aboutAnotherProduct(tokens('Power Automate flow posting to a REST API; it does not touch the F&O connector at all')));
    assert.ok(!aboutAnotherProduct(tokens('Power Automate created the customer, but it is not on the F&O side')), 'where a record is missing names F&O');
    assert.ok(aboutAnotherProduct(tokens('Flow with HTTP and our custom Telegram connector, without F&O and without Dataverse, was suspended by the data policy')), 'a denial followed by another denial');
    assert.ok(aboutAnotherProduct(tokens('NetSuite to Dataverse connector stopped: 429 too many requests')));
    assert.ok(aboutAnotherProduct(tokens('Azure SQL elastic pool throttled, the database copy timed out')));
    assert.ok(aboutAnotherProduct(tokens('NAV 2018 job queue entries do not start, the user has no licence')));
    assert.ok(!aboutAnotherProduct(tokens('The nav pane shows no environments in the licence page')), '"nav" alone is the navigation pane');
    assert.ok(aboutAnotherProduct(tokens('Solution import into UAT fails, Dataverse only, model-driven app')));
    assert.ok(!aboutAnotherProduct(tokens('Search in our model-driven app on the Customer groups virtual table returns nothing')), 'a virtual table is F&O');
    assert.ok(aboutAnotherProduct(tokens('Export of our reporting Azure SQL database to a bacpac from the Azure portal fails')), 'a bacpac is SQL\'s own format');
    assert.ok(!aboutAnotherProduct(tokens('LCS export of the UAT database to a bacpac has been stuck for six hours')), 'without another product, a bacpac is the LCS export');
    assert.ok(aboutAnotherProduct(tokens('SQL Agent job for the nightly backup fails: not enough space on the disk')));
    assert.ok(!aboutAnotherProduct(tokens('The bacpac from UAT will not import into SQL Server 2016 on our onebox')), 'a onebox is an F&O developer machine');
    assert.ok(aboutAnotherProduct(tokens('The bacpac from our web shop will not import into SQL Server 2016 on the new server')));
    assert.ok(aboutAnotherProduct(tokens('Canvas app: the premium connector needs a licence. No Dataverse or F&O in this app.')), 'the negation reaches over "Dataverse or"');
    assert.ok(!aboutAnotherProduct(tokens('No Dataverse rows or F&O records were written by the sync')), '"or" with more between is no denial');
    // "No F&O integration exists for this environment" is what the admin page says when the link is missing.
    assert.ok(!aboutAnotherProduct(tokens('The admin page says no finance and operations integration exists for this environment')));
    assert.ok(aboutAnotherProduct(tokens('Plug-in in the CE Sales org (not linked to F&O) times out')), '"not linked to F&O" beside another product');
    assert.ok(aboutAnotherProduct(tokens('Customer Service routing stopped; the org has no F&O link at all')));
    assert.ok(aboutAnotherProduct(tokens('Dynamics 365 Sales solution import into the CE org fails on a missing dependency, nothing to do with F&O')));
    assert.ok(aboutAnotherProduct(tokens('CoE Starter Kit sync flow fails with 429 rate limit exceeded')), 'the CoE Starter Kit is its own product');
    assert.ok(!aboutAnotherProduct(tokens('The verify step says our Dataverse is not linked to F&O even though LCS shows it')), 'alone it is our own failure');
    assert.ok(aboutAnotherProduct(tokens('New environment for the HR app: not enough capacity. A normal Power Apps environment, no Dynamics apps.')));
    assert.ok(aboutAnotherProduct(tokens('Our plain Dataverse environment module (no D365 apps, just language and currency) crashes the Terraform provider.')));
    assert.ok(!aboutAnotherProduct(tokens('LCS cannot connect the existing environment: it was created without Dynamics 365 apps')), 'with an F&O word it is our cause');
    // A maker's own app and environment: canvas apps, standalone Dataverse, Power Apps only, Dataverse for Teams.
    assert.ok(aboutAnotherProduct(tokens("Quality canvas app (standalone Dataverse, no FO link): Patch() fails with 'A record with matching key values already exists.'")));
    assert.ok(aboutAnotherProduct(tokens('Appli canevas « Inspection » (Dataverse autonome, aucun lien avec FO) : accès refusé à la table')), 'glossed: "no link with F&O"');
    assert.ok(aboutAnotherProduct(tokens('Canvas app auf unserer eigenen Dataverse-Tabelle: Filter gibt nur 500 Datensätze. Reine Dataverse-Tabelle, nichts mit F&O.')), '"nothing with F&O"');
    assert.ok(aboutAnotherProduct(tokens("Dataverse for Teams app 'Leave planner': 'This team has reached the capacity limit'.")));
    assert.ok(aboutAnotherProduct(tokens("Dataverse env 'loyalty-dev' (Power Apps only) is in Administration mode, makers can't open apps.")));
    assert.ok(aboutAnotherProduct(tokens("ADO release for our CRM solutions fails: 'The user is not a member of the organization.' Nothing with F&O.")));
    // Dataverse's own virtual tables (over SQL Server) are no F&O beside another product; F&O's are.
    assert.ok(aboutAnotherProduct(tokens('Dataverse virtual table over our MES SQL Server fails: connection reference not found. Nothing to do with FO.')));
    assert.ok(!aboutAnotherProduct(tokens('A canvas app on the F&O virtual table mserp_inventonhandentity shows access denied')));
    // F&O's business events go to Event Grid: beside them Event Grid is no other product.
    assert.ok(aboutAnotherProduct(tokens("Event Grid subscription for our custom webhook (not F&O) stuck in 'AwaitingManualAction'.")));
    assert.ok(!aboutAnotherProduct(tokens('Business events to our Event Grid endpoint stopped arriving since Monday')));
    assert.ok(aboutAnotherProduct(tokens('Over our Dataverse log capacity because of audit retention. Nothing to do with F&O, I think.')), '"nothing to do with F&O" alone');
    assert.ok(aboutAnotherProduct(tokens('Business Central tenant of the foundation (separate from F&O): the Dataverse integration is not enabled')));
    assert.ok(aboutAnotherProduct(tokens('Deleted 1,200 notes in cvh-ce-uat (CE only, not linked to F&O); can I restore one table?')));
    assert.ok(aboutAnotherProduct(tokens('Our Azure Function calls the Dataverse Web API: the user is not a member of the organization. The environment does not have dual-write.')));
    // Without another product, "does not have F&O" names a missing part of our own world.
    assert.ok(!aboutAnotherProduct(tokens('The new environment does not have F&O installed, no operations URL in PPAC')));
    // "No F&O tables" in Synapse Link: F&O's tables are what is missing.
    assert.ok(!aboutAnotherProduct(tokens('Azure Synapse Link profile without a Spark pool: no F&O tables tab at all')));
    assert.ok(!aboutAnotherProduct(tokens('Dans Synapse Link, aucun onglet Finance & Operations')));
    // A Dataverse platform code (0x80072560) is evidence for its entry, but names no F&O in another product's text.
    const azureFunction = triageText('Our Azure Function calls the Dataverse Web API with client credentials: {"error":{"code":"0x80072560","message":"The user is not a member of the organization."}} The environment does not have dual-write.');
    assert.notEqual(azureFunction.best?.confidence, 'high');
    const dualWriteMember = triageText('Dual-write live sync fails: {"error":{"code":"0x80072560","message":"The user is not a member of the organization."}}');
    assert.equal(dualWriteMember.best?.entryId, 'live-sync-user-not-member');
    const bacpacExport = triageText('Azure portal: exporting our reporting Azure SQL DB to a bacpac in blob storage fails, the login cannot access the database.');
    assert.equal(bacpacExport.verdict, 'no-confident-match', 'an Azure SQL export is not the LCS export');
  });

  it('tells product words from everyday words, also inside cmdlet names and host names', () => {
    const mentions = (text: string) => mentionsDomain(normalise(text).tokens);
    assert.equal(mentions('Start-LcsDatabaseRefreshV2 returned 401'), true);
    assert.equal(mentions('Saving connection set failed'), true);
    assert.equal(mentions('https://contoso.operations.dynamics.com/ returned 503'), true);
    assert.equal(mentions('No capacity available in this region, please try another region.'), false);
    assert.equal(mentions('Too many requests. Please retry after 2 seconds.'), false);
    // Named only to say it is not in play, the product anchors nothing; named as a missing part, it still does.
    assert.equal(mentions('The blob trigger fails with AuthorizationPermissionMismatch; no Dynamics involved.'), false);
    assert.equal(mentions('The blob trigger fails: no Dynamics license assigned to the service account.'), true);
  });

  it('counts codes with digits, separators or three glued words as product-specific, not two ordinary words', () => {
    assert.equal(isProductSpecificLiteral('DIPV1002'), true);
    assert.equal(isProductSpecificLiteral('msprov_fnouploadersolution'), true);
    assert.equal(isProductSpecificLiteral('EnvironmentNotInReadyState'), true);
    assert.equal(isProductSpecificLiteral('InsufficientCapacity'), false);
    assert.equal(isProductSpecificLiteral('QuotaExceeded'), false);
    assert.equal(isProductSpecificLiteral('AADSTS700016'), false);
  });
});

describe('triage: messages in another script', () => {
  it('asks for the English message or the code when nothing could be compared', () => {
    // Georgian has no glossary: nothing of it can be compared.
    const result = triageText('კავშირების ნაკრების შენახვა ვერ მოხერხდა! იგივე გასაღების მქონე ელემენტი უკვე დამატებულია');
    assert.equal(result.verdict, 'no-confident-match');
    assert.equal(result.ask, ENGLISH_TEXT_ASK);
  });

  it('answers a translated screen like the English one once its words are glossed', () => {
    const result = triageText('儲存連接集失敗!已新增具有相同金鑰的項目。');
    assert.equal(result.best?.entryId, 'duplicate-company-names');
    assert.equal(result.verdict, 'confident');
  });

  it('still answers from the codes such a message carries', () => {
    const result = triageText('[{"error":{"code":"0x80072560","message":"此用户不是组织的成员。"}}],远程服务器返回错误:(403) 已禁止。');
    assert.equal(result.best?.entryId, 'live-sync-user-not-member');
  });

  it('keeps the usual question for English text', () => {
    assert.notEqual(triageText('something odd happened on the screen').ask, ENGLISH_TEXT_ASK);
  });
});

describe('triage: a text that says the integration is not in play', () => {
  const denied = (text: string) => {
    const normalised = normalise(text);
    const { dataverse, dualWrite, integration } = deniedParts(normalised.tokens, normalised.original);
    return { dataverse, dualWrite, integration };
  };

  it('reads "no Dataverse involved", "nothing to do with dual-write" and "not using Dataverse" as denials', () => {
    assert.deepEqual(denied('Unit price shows 2 decimals on PO lines (no Dataverse involved, purchase only in FO).'), { dataverse: true, dualWrite: true, integration: false });
    assert.deepEqual(denied('The import fails on the customer group, nothing to do with dual-write.'), { dataverse: false, dualWrite: true, integration: false });
    assert.deepEqual(denied('This flow is not using Dataverse at all.'), { dataverse: true, dualWrite: true, integration: false });
    // "Not our F&O": a possessive between the denial and the product changes nothing.
    assert.equal(aboutAnotherProduct(normalise('The label printer queue on the store server is stuck again, not our F&O.').tokens), true);
  assert.equal(aboutAnotherProduct(normalise('The label printer queue is stuck again in our F&O.').tokens), false);
  // German says it the other way round: "with F&O the flow has nothing to do".
  assert.equal(aboutAnotherProduct(normalise('Mein Flow liest eine SharePoint-Liste und schickt eine Mail. Mit F&O hat der Flow nichts zu tun.').tokens), true);
  assert.equal(aboutAnotherProduct(normalise('Mein Flow liest eine SharePoint-Liste und schreibt mit F&O Aufträge.').tokens), false);
  // "Nothing to do with F&O" in the languages helpdesks write it in.
  for (const text of [
    "Le flux lit une liste SharePoint, il n'a rien à voir avec F&O.",
    'El flujo lee una lista de SharePoint y no tiene nada que ver con F&O.',
    "Il flusso legge una lista SharePoint, non c'entra niente con F&O.",
    'Przepływ czyta listę SharePoint i nie ma nic wspólnego z F&O.',
    'Fluxul citește o listă SharePoint și nu are nicio legătură cu F&O.',
  ]) {
    assert.equal(aboutAnotherProduct(normalise(text).tokens), true, text);
  }
  // A standalone org or environment is linked to nothing.
  assert.equal(aboutAnotherProduct(normalise("Flow 'New web lead' in our lead team's environment (standalone, no F&O link) fails on its last step.").tokens), true);
  });

  it('keeps a missing Dataverse, a Portuguese "no Dataverse" and a later mention as symptoms', () => {
    // An environment created without Dataverse is a cause of its own.
    assert.deepEqual(denied('LCS shows only the initial environment, no Dataverse.'), { dataverse: false, dualWrite: false, integration: false });
    assert.deepEqual(denied('The environment was created without Dataverse.'), { dataverse: false, dualWrite: false, integration: false });
    // Portuguese "no Dataverse" is "in Dataverse".
    assert.deepEqual(denied('Os clientes nunca aparecem no Dataverse no mês passado.'), { dataverse: false, dualWrite: false, integration: false });
    // Denied once, but dual-write named: dual-write rides on Dataverse, so both are in play.
    assert.deepEqual(denied('No Dataverse involved on the F&O side, but the dual-write map shows errors.'), { dataverse: false, dualWrite: false, integration: false });
  });

  it('reads a negation put after F&O beside another product, as Tamil or Japanese put it, as a denial', () => {
    // "Flow reads an Excel table in SharePoint … F&O connector is not in this, only Excel" (Tamil, glossed).
    assert.equal(aboutAnotherProduct(normalise('Flow reads the Excel table in SharePoint, 256 rows only. F&O connector இதுல இல்லை, Excel மட்டும் தான்.').tokens), true);
    assert.equal(aboutAnotherProduct(normalise('Flow reads the Excel table in SharePoint, then the F&O connector not working, only since Monday.').tokens), false);
    // Hinglish "nahi hai" (is not), then what is used instead: "this is not an FnO workflow, pure Power Automate".
    const hinglish = 'Travel approvals flow (SharePoint list trigger) – manager ko approval mails nahi dikh rahe. Ye FnO workflow nahi hai, pure Power Automate.';
    assert.equal(aboutAnotherProduct(normalise(hinglish).tokens, hinglish), true);
    const english = 'Travel approvals flow (SharePoint list trigger) fails. The FnO workflow is not pure Power Automate, it calls the connector.';
    assert.equal(aboutAnotherProduct(normalise(english).tokens, english), false);
  });

  it('reads a negation last in an aside as a denial, and a bare mention of F&O beside it as the writer\'s context', () => {
    const ceOnly = 'CE-only client (Customer Service, koi FnO nahi) – case create par error: "Unexpected exception from plug-in (Execute)". Hum AMS mein sirf FnO support karte hain.';
    assert.equal(aboutAnotherProduct(normalise(ceOnly).tokens, ceOnly), true);
    // A part of F&O beside the denial still puts the failure in F&O's world.
    const withPart = 'Customer Service hub (no FnO) – the mserp_custcustomerv3entity virtual table fails on the case form.';
    assert.equal(aboutAnotherProduct(normalise(withPart).tokens, withPart), false);
    // Without the denial, a bare mention beside another product still names F&O.
    const named = 'Customer Service case create fails with a plug-in error. We in AMS only support FnO.';
    assert.equal(aboutAnotherProduct(normalise(named).tokens, named), false);
  });

  it('reads "does not touch F&O" in Vietnamese and "F&O is not related" in Korean as denials', () => {
    assert.equal(aboutAnotherProduct(normalise('Em làm flow từ Excel sang SQL Server thì báo premium connectors. Flow này không đụng tới F&O.').tokens), true);
    assert.equal(aboutAnotherProduct(normalise('홈택스 화면이 개편됐습니다. F&O 는 상관없습니다.').tokens), true);
  });

  it('reads "F&O integration: none" as Korean, Japanese, Chinese, Turkish and Azerbaijani put it after the product as a denial', () => {
    for (const text of [
      'Field Service 모바일 (F&O 연동 없음): 작업 지시를 완료할 수 없습니다.',
      'Field Service モバイル（F&O連携なし）：作業指示を完了できません。',
      'Field Service 移动应用（F&O 未集成）：无法完成工单。',
      'Field Service mobil uygulaması (FnO ile entegrasyon yok): iş emri tamamlanamıyor, senkronizasyon hatası.',
      'Field Service mobil tətbiqində (FnO ilə inteqrasiya yoxdur, sadəcə servis texnikləri üçün) sinxronizasiya alınmır.',
      'Field Service 스케줄 보드에 booking 이 안 보입니다. FnO 연동은 없는 환경입니다.',
    ]) {
      assert.equal(aboutAnotherProduct(normalise(text).tokens), true, text);
    }
    // Without the denial, F&O named beside Field Service is in play.
    assert.equal(aboutAnotherProduct(normalise('Field Service 모바일 (F&O 연동): 작업 지시를 완료할 수 없습니다.').tokens), false);
  });

  it('reads a Power App in a Microsoft Teams tab as Teams\' own, and the same app in an F&O form as ours', () => {
    assert.equal(aboutAnotherProduct(normalise('Power Apps embedded in a Teams tab shows a blank white screen for some users since the new Teams client.').tokens), true);
    assert.equal(aboutAnotherProduct(normalise('The Power App embedded in the F&O vendor form shows a blank white screen for some users.').tokens), false);
  });

  it("reads Teams Rooms, a portal's web roles and the Dataverse SDK's clients as other products", () => {
    assert.equal(another('The meeting room lost its Teams Rooms Pro licence in the clean-up; no FO user was touched.'), true);
    assert.equal(another('The supplier web role lost its table permission; no mserp_ table is used on the portal.'), true);
    assert.equal(another('Our console app moved from CrmServiceClient to ServiceClient and cannot log in to Dataverse (AADSTS700016).'), true);
    // "No F&O tables" beside another product names what is missing from F&O, so F&O is in play.
    assert.equal(another('The supplier web role sees no F&O tables since the refresh.'), false);
  });

  it('reads F&O named only to say it was unaffected, beside another product, as not in play', () => {
    assert.equal(another('Field Service Mobile offline sync fails after the profile change. Work order posting to F&O was not touched and kept working.'), true);
    assert.equal(another('The SAP GUI desktop flow fails at "UI element not found". Note: the F&O bots on the same VMs still run fine.'), true);
    assert.equal(another('Salesforce linked service fails in the Synapse pipeline; the F&O data in this workspace comes from a separate process and was not changed.'), true);
    // A failure of F&O's own in between keeps it in play.
    assert.equal(another('The Salesforce sync works, but posting to F&O fails since Monday; the other flows still run fine.'), false);
    assert.equal(another('Products used on Field Service work orders are not posted as item journals; dual-write maps run fine otherwise.'), false);
  });

  it('reads a denial put after the product, as notes and Korean put it, as a denial', () => {
    assert.equal(another('Our Logic App posting orders into SAP gets 403 from the gateway. FnO not involved.'), true);
    assert.equal(another('Moving the Service Bus namespace to Premium for our Outlook add-in; these queues are not used by F&O.'), true);
    assert.equal(another('캔버스 앱이 DLP 정책으로 차단되었습니다. 앱은 SharePoint 커넥터를 씁니다. F&O 커넥터는 안 씁니다.'), true);
    assert.equal(mentionsDomain(normalise('New laptops stuck in Autopilot at security policies. Nothing D365-related.').tokens), false);
    // "Not synced" says what is wrong with F&O, not that it is out of play.
    assert.equal(mentionsDomain(normalise('F&O not synced since Monday.').tokens), true);
  });

  it('reads "no Dynamics calls" as a denial', () => {
    assert.equal(mentionsDomain(normalise('The kiosk app only reads an internal API; no Dynamics calls. Sign-in fails with AADSTS700016.').tokens), false);
    assert.equal(mentionsDomain(normalise('The kiosk app reads Dynamics; sign-in fails with AADSTS700016.').tokens), true);
  });

  it('reads German "keinen" and Italian "nessun" as denials beside another product', () => {
    assert.equal(another('Der Flow kopiert Anhänge aus Outlook nach Dropbox und verwendet keinen Fin & Ops-Connector.'), true);
    assert.equal(another('Il flusso copia allegati da Outlook e non usa nessun connettore F&O.'), true);
    assert.equal(another('Der Flow kopiert Anhänge aus Outlook und verwendet den Fin & Ops-Connector.'), false);
  });

  it('reads AX 2012 with F&O only as a future migration target as another product', () => {
    assert.equal(aboutAnotherProduct(normalise('AX 2012 R3: posting the product receipt fails, the record already exists. Still on-prem, we migrate to FnO next year.').tokens), true);
    assert.equal(aboutAnotherProduct(normalise('NAV 2018 posting error; the finance team asked to fix it before we move to F&O.').tokens), true);
    // An upgrade from AX 2012 into F&O is F&O's own work (the LCS import of an AX 2012 database).
    assert.equal(aboutAnotherProduct(normalise('Data upgrade from AX 2012 to FnO fails at the LCS import step.').tokens), false);
    assert.equal(aboutAnotherProduct(normalise('Importing the AX 2012 database into the F&O sandbox in LCS is blocked.').tokens), false);
  });

  it('reads "Dataverse only" as a Dataverse-only environment, not "Dataverse only the next day"', () => {
    assert.equal(aboutAnotherProduct(normalise('Our HR app runs on Dataverse only, no other apps, and the capacity report is red.').tokens), true);
    assert.equal(aboutAnotherProduct(normalise('New POS customers from the stores reach Dataverse only the next day.').tokens), false);
    assert.equal(aboutAnotherProduct(normalise('Sales (CE only, the opportunity table is not synced anywhere): closing an opportunity as Won fails.').tokens), true);
  });

  it('reads a list of denials, and "not a flow or anything", as denials', () => {
    assert.deepEqual(denied('vft-service (Field Service org, no dual-write, no FO link): saving a case fails since the release.'), { dataverse: false, dualWrite: true, integration: false });
    assert.equal(denied("That's the F&O approval workflow in the action centre, not a flow or anything.").integration, true);
    // "Not a flow for vendors" names what is missing instead.
    assert.equal(denied('There is not a flow for vendors yet, so nothing reaches F&O.').integration, false);
  });

  it('takes a part named in a question for a guess, neither a denial nor a statement', () => {
    assert.equal(denied('No dual-write involved, saving a case fails. Is this the dual-write plugin again?').dualWrite, true);
    assert.equal(denied('No dual-write involved, saving a case fails. The dual-write plugin throws again.').dualWrite, false);
  });

  it('reads "no flows or integrations involved" as nothing calling F&O from outside', () => {
    assert.equal(denied('Users are signed out of F&O every hour. No flows or integrations involved, only people in the web client.').integration, true);
    assert.equal(denied('Nothing to do with any integration: the journal just will not post.').integration, true);
    // A flow named elsewhere as the one failing keeps the integration in play.
    assert.equal(denied('No other integrations involved, but our flow to F&O fails every hour.').integration, false);
    assert.equal(denied('The integration with F&O stopped yesterday.').integration, false);
  });

  it('answers a connector cause at most low once the text says no flow or integration is involved', () => {
    const text = 'Since the Conditional Access change on Monday our planners are thrown out of F&O every 60 minutes and must sign in again; the policy applies to all cloud apps.';
    assert.notEqual(triageText(`${text} Our flows to F&O fail too.`).best, null);
    const peopleOnly = triageText(`${text} No flows or integrations involved, it is only people working in the browser.`);
    assert.equal(peopleOnly.best, null);
    assert.ok(peopleOnly.matches.every((match) => match.confidence === 'low'));
    // The denial is what the text is not about: no guess quotes it as what matched.
    assert.ok(peopleOnly.matches.length > 0);
    for (const match of peopleOnly.matches) assert.ok(match.evidence.every((quote) => !/no flows/i.test(quote)), `${match.entryId}: ${match.evidence.join(' | ')}`);
  });

  it('reads "nothing from F&O" and unglossed negations as denials beside another product', () => {
    assert.equal(another('Canvas app "Site Visit" (SQL Server connector to our Azure SQL, nothing from F&O) asks new users for a licence.'), true);
    assert.equal(another('Appen bruger ingen F&O-data, kun SharePoint og SQL Server.'), true);
    assert.equal(another('O app canvas não usa nenhum dado do F&O, só SharePoint.'), true);
    assert.equal(another("L'app canvas non usa nessun dato di F&O, solo SharePoint."), true);
    assert.equal(another('El conector escribe leads en Dynamics 365 Sales y falla. No tenemos F&O, solo Sales.'), true);
    assert.equal(another('Sales で取引先企業を保存できません。当社は F&O を使っておらず、二重書き込みも構成していません。'), true);
    assert.equal(another('Field Service のスケジュール ボードで予約できません。当社の Field Service は F&O と連携しておらず、単体で利用しています。'), true);
    // Data from F&O that is missing is our own symptom.
    assert.equal(another('SharePoint list sync: data from F&O is missing since Monday.'), false);
  });

  it("counts the product's own names as F&O beside another product", () => {
    assert.equal(another('A Power Automate flow posts journals in Dynamics 365 Finance and fails.'), false);
    assert.equal(another('A Power Automate flow creates transfer orders in D365 SCM and fails.'), false);
    assert.equal(another('A Power Automate flow creates leads in D365 Sales and fails.'), true);
    // Finance's Invoice capture runs its channels on Outlook or SharePoint: named alone, it is still F&O's.
    assert.equal(another('The Outlook channel of Invoice capture stays off after saving: Turn on flow failed.'), false);
    assert.equal(another('The Outlook rule that files supplier invoices into a shared folder stopped working.'), true);
  });

  it('reads F&O named in a bracketed aside, or as what a failure is not related to, as not in play', () => {
    assert.ok(another("The expense app our travel agency gave us stopped signing in: AADSTS700016. Not related to FnO, just asking."));
    assert.ok(another('Unrelated to D365 FO: our Logic App fails with AADSTS700016.'));
    assert.ok(another('SP site provisioning for new customer project (not FnO) broke: AADSTS700016'));
    assert.ok(another('The intranet sync job [ no FnO ] fails with AADSTS700016'));
    // A link that is missing is still our failure, and brackets around more than the denial are no aside.
    assert.ok(!another('The Dataverse environment is not connected to F&O since the refresh'));
    assert.ok(!another('Users get "not authorized" (not FnO admins, the clerks) after the refresh'));
    assert.ok(!another('Sync to Dataverse works (not F&O though)'));
    // The confident answer goes with it: the code alone names another cloud's app.
    const result = triageText("SharePoint site provisioning (not FnO) broke: Connect-PnPOnline: AADSTS700016: Application with identifier '31359c7f-bd7e-475c-86db-fdb8c937548e' was not found in the directory 'Contoso'.");
    assert.ok(result.matches.every((match) => match.confidence === 'low'), JSON.stringify(result.matches.slice(0, 2).map((match) => [match.entryId, match.confidence])));
  });

  it('answers a dual-write cause at most low once the text says Dataverse is not involved', () => {
    const text = 'Unit price shows only 2 decimals on PO lines in KH20, supplier quotes 4 decimals (0.0375 PLN per pcs). Need config.';
    assert.equal(triageText(`${text} Sales shows the price from dual-write rounded.`).best?.entryId, 'dual-write-currency-decimals');
    const fnoOnly = triageText(`${text} (no Dataverse involved, purchase only in FO)`);
    assert.equal(fnoOnly.best, null);
    assert.ok(fnoOnly.matches.every((match) => match.confidence === 'low'));
  });
});
