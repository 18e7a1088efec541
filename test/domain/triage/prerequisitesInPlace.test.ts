import assert from 'node:assert/strict';
import { triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';
import { readPrerequisites } from '../../../src/domain/triage/prerequisitesInPlace';

const said = (text: string) => [...readPrerequisites(normalise(text).tokens, text).inPlace].sort();

// Tickets often rule out the usual suspects before they state the symptom ("it is not the licence,
// we checked"). Such a sentence must count against those causes, while the same words stating
// the cause ("no licence assigned", "not enough capacity") stay evidence for it.

describe('triage: prerequisites a text says are in place', () => {
  it('reads denials, checks and possession as "in place"', () => {
    assert.deepEqual(said("It isn't the licence, we checked."), ['licence']);
    assert.deepEqual(said('Roles are fine too (System Administrator).'), ['role']);
    assert.deepEqual(said('Licences: OK. Security roles: OK.'), ['licence', 'role']);
    assert.deepEqual(said('So not roles or licence.'), ['licence', 'role']);
    assert.deepEqual(said('Not a licensing problem either; the account has a Finance license.'), ['licence']);
    assert.deepEqual(said('We have enough capacity (40 GB free).'), ['capacity']);
    assert.deepEqual(said('Storage capacity is not the issue.'), ['capacity']);
    assert.deepEqual(said('The region is not an issue.'), ['geography', 'region']);
    assert.deepEqual(said('Both environments are in the same region.'), ['geography', 'region']);
    assert.deepEqual(said("I'm System Administrator in the target environment."), ['role']);
    assert.deepEqual(said("I'm LCS project owner."), ['lcs-role']);
    // Typed on a phone, without the apostrophe.
    assert.deepEqual(said('the export button is not there for prod, im project owner'), ['lcs-role']);
    assert.deepEqual(said('The setup account has a Dynamics 365 Finance licence.'), ['licence']);
    assert.deepEqual(said('Dataverse capacity: 40 GB, all fine.'), ['capacity']);
    // A region given as a value ("location = Europe") says nothing either way; "same geo" still does.
    // The same region is the same geography too.
    assert.deepEqual(said('location = "europe" (from the module). Has D365 apps enabled, same tenant, same geo.'), ['geography', 'region']);
    assert.deepEqual(said('Check: Same region | Europe | Europe | Passed'), ['geography', 'region']);
  });

  it('keeps the cause itself as evidence', () => {
    assert.deepEqual(said('The user does not have a license. No licence assigned.'), []);
    assert.deepEqual(said('The setup user is not System Administrator in Dataverse.'), []);
    assert.deepEqual(said('Not enough capacity in the tenant.'), []);
    assert.deepEqual(said('The Dataverse environment must be in the same region as the LCS project.'), []);
    assert.deepEqual(said('They are not in the same region.'), []);
    assert.deepEqual(said('Users must have a Dynamics 365 licence.'), []);
    assert.deepEqual(said('Licence expired last week.'), []);
    assert.deepEqual(said('The tenant has only 600 MB of Dataverse capacity free.'), []);
    assert.deepEqual(said('User does not have a Finance license assigned.'), []);
    assert.deepEqual(said('The account does not have a Dynamics 365 Finance licence assigned.'), []);
    assert.deepEqual(said('Not licensed for Dynamics 365 (no Finance or SCM licence assigned).'), []);
    assert.deepEqual(said('She is only an operator, neither project owner nor environment manager.'), []);
  });

  it('needs every mention to say so: a second mention stating the cause keeps it open', () => {
    assert.deepEqual(said('The Finance licence is assigned, but setup still says the required license is missing.'), []);
    assert.deepEqual(said('Roles are fine. Error: you need the System Administrator role.'), []);
  });

  it('reads the same in the languages the glossaries render word by word', () => {
    const tickets = [
      'Dzień dobry, konfiguracja integracji Power Platform w LCS nie działa. Licencja jest OK, role też są w porządku, mamy wystarczająco miejsca.',
      'Hallo zusammen, die Einrichtung der Power Platform Integration in LCS schlägt fehl. Die Lizenz ist nicht das Problem, die Rollen sind in Ordnung. Die Kapazität reicht auch.',
      'Hola, la configuración de la integración con Power Platform en LCS falla. La licencia está bien, no es problema de roles, y tenemos capacidad suficiente.',
      'Olá, a configuração da integração Power Platform no LCS falha. A licença está ok e não é problema de permissões, temos capacidade suficiente.',
      "Bonjour, la configuration de l'intégration Power Platform dans LCS échoue. Ce n'est pas la licence, les rôles sont ok, nous avons une capacité suffisante.",
      "Ciao, la configurazione dell'integrazione Power Platform in LCS fallisce. Non è la licenza, i ruoli sono a posto e abbiamo capacità sufficiente.",
      'Hallo, de installatie van de Power Platform-integratie in LCS mislukt. Het ligt niet aan de licentie, de rollen zijn in orde en we hebben voldoende capaciteit.',
    ];
    for (const ticket of tickets.slice(1)) assert.deepEqual(said(ticket), ['capacity', 'licence', 'role'], ticket);
    assert.deepEqual(said(tickets[0]), ['licence', 'role'], tickets[0]);
  });

  it('reads an instruction, a condition or a question as no finding', () => {
    assert.deepEqual(said('Microsoft says: ensure both are in the same region.'), []);
    assert.deepEqual(said('Ensure the user has a Dynamics 365 Unified Operations Plan license.'), []);
    assert.deepEqual(said('Please make sure the capacity is active and in the same region as your Dataverse environment.'), []);
    assert.deepEqual(said('Could you check if the roles are fine?'), []);
    assert.deepEqual(said('Verify that roles are OK before you retry.'), []);
    assert.deepEqual(said('Pls confirm the licence is assigned.'), []);
    assert.deepEqual(said('Not sure whether the licence is OK.'), []);
    // What the writer found, said with the same verbs, stays a finding; so does the clause after the instruction.
    assert.deepEqual(said('I can confirm roles are fine.'), ['role']);
    assert.deepEqual(said('We verified it: the licence is assigned.'), ['licence']);
    assert.deepEqual(said('Support asked us to check. Roles are fine.'), ['role']);
  });

  it('does not take a colleague\'s licence for the writer\'s', () => {
    assert.deepEqual(said('Setup fails for me; Annelies can do it. I have E3, she has a Dynamics 365 Finance licence.'), []);
  });
});

describe('triage: causes the ticket rules out', () => {
  it('a ticket that rules out licence and roles gets the cause it describes, not the ruled-out ones', () => {
    const result = triageText(
      'PPI setup from LCS failed after 20 minutes. I am System Administrator in the Dataverse environment and the Dynamics 365 Finance licence is assigned, so it is not roles or licence. The LCS project is in West Europe and the Dataverse environment was created in United States.',
    );
    assert.equal(result.matches[0]?.entryId, 'geography-mismatch');
    assert.ok(result.matches.every((match) => match.entryId !== 'setup-licence-missing' || match.confidence === 'low'));
  });

  it('reads the same in German, where the cause is said in the glossary\'s words', () => {
    const result = triageText(
      'Hallo, die Einrichtung der Power Platform Integration in LCS schlägt fehl. Die Lizenz ist nicht das Problem, die Rollen sind in Ordnung. Fehler: Ihre Dataverse-Umgebung befindet sich in einer anderen Geografie als Ihr LCS-Projekt.',
    );
    assert.equal(result.best?.entryId, 'geography-mismatch');
  });

  it('never quotes the clauses that rule causes out under "What matched"', () => {
    const ticket =
      'PPI setup from LCS failed after 20 minutes. I am System Administrator in the Dataverse environment and the Dynamics 365 Finance licence is assigned, so it is not roles or licence. The LCS project is in West Europe and the Dataverse environment was created in United States.';
    const quoted = triageText(ticket).matches.flatMap((match) => match.evidence);
    assert.ok(quoted.length > 0);
    for (const quote of quoted) assert.doesNotMatch(quote, /System Administrator|licence|not roles/, quote);
    assert.ok(quoted.some((quote) => quote.includes('created in United States')), quoted.join(' | '));
    // The German ticket's denial is quoted in neither language.
    const german = triageText(
      'Hallo, die Einrichtung der Power Platform Integration in LCS schlägt fehl. Die Lizenz ist nicht das Problem, die Rollen sind in Ordnung. Fehler: Ihre Dataverse-Umgebung befindet sich in einer anderen Geografie als Ihr LCS-Projekt.',
    );
    for (const quote of german.matches.flatMap((match) => match.evidence)) assert.doesNotMatch(quote, /Lizenz|Rollen/, quote);
  });

  it('still quotes a clause after a contrasting word: "roles are fine but…"', () => {
    const quoted = triageText('Roles are fine but dual-write linking fails with DW9003 for the legal entity USMF.').matches[0]?.evidence ?? [];
    assert.ok(quoted.some((quote) => quote.includes('DW9003')), quoted.join(' | '));
    assert.ok(quoted.every((quote) => !/Roles are fine/.test(quote)), quoted.join(' | '));
  });

  it('the same ticket saying the licence is missing still names the licence', () => {
    const result = triageText('PPI setup from LCS failed after 20 minutes. The setup account has no Dynamics 365 Finance licence assigned.');
    assert.equal(result.best?.entryId, 'setup-licence-missing');
  });

  it('an error code of the cause outweighs the writer\'s belief that it is in place', () => {
    const suspected = triageText('Capacity is fine, we checked. PPI setup in LCS failed creating the Dataverse environment, something about capacity.');
    assert.equal(suspected.best?.entryId, 'insufficient-capacity');
    // Named once more without saying it is in place, capacity stays open; said in place every time, it is ruled out.
    const ruledOut = triageText('Capacity is fine, we checked. PPI setup in LCS failed creating the Dataverse environment.');
    assert.ok(ruledOut.matches.every((match) => match.entryId !== 'insufficient-capacity' || match.confidence === 'low'));
    const coded = triageText('Capacity is fine, we checked. PPI setup in LCS failed creating the Dataverse environment: InsufficientCapacity_StorageDriven');
    assert.equal(coded.best?.entryId, 'insufficient-capacity');
    // Without the rule this ticket names the licence first, with high confidence.
    const licenceRuledOut = 'Power Platform integration setup from LCS fails. Not a licence problem, we checked: the setup account has a Dynamics 365 Finance licence.';
    assert.notEqual(triageText(licenceRuledOut).matches[0]?.entryId, 'setup-licence-missing');
    // Its words still reach it through the search, but a cause the ticket rules out is a low guess at most,
    // and the broad "setup failed" does not step back for it.
    const ruledOutMatch = triageText(licenceRuledOut).matches.find((match) => match.entryId === 'setup-licence-missing');
    assert.equal(ruledOutMatch?.confidence, 'low');
    assert.equal(triageText(licenceRuledOut).matches[0]?.entryId, 'setup-failed');
    assert.equal(triageText(`${licenceRuledOut} Response: {"error":{"code":"DynamicsEntitlementMissing"}}`).best?.entryId, 'setup-licence-missing');
  });
});
