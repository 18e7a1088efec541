import assert from 'node:assert/strict';
import { KNOWLEDGE_BASE } from '../../../src/domain/triage/knowledgeBase';
import { triageText } from '../../../src/domain/triage/matcher';
import type { TriageResult } from '../../../src/domain/triage/types';
import { loadEvaluationPart } from '../../../scripts/triageEvaluation';
import { PARAPHRASE_CASES } from './paraphraseCases';
import { logFormOf, NEGATIVE_CASES, POSITIVE_CASES } from './textCases';

/** Literals at or above this weight name their cause outright (a code or a cause-specific id). */
const NAMING_WEIGHT = 8;

function summary(result: TriageResult): string {
  return `${result.verdict}: ${result.matches.map((match) => `${match.entryId} ${match.confidence} ${match.score}`).join(', ') || 'no matches'}`;
}

function namesCause(entryId: string, text: string): boolean {
  const entry = KNOWLEDGE_BASE.find((candidate) => candidate.id === entryId);
  const literals = [...(entry?.signals.codes ?? []), ...(entry?.signals.identifiers ?? [])];
  return literals.some((literal) => literal.weight >= NAMING_WEIGHT && text.toLowerCase().includes(literal.value.toLowerCase()));
}

/** Evidence must quote the input: without the ellipses, each fragment appears in the input (whitespace collapsed). */
function assertEvidenceQuotesInput(result: TriageResult, input: string): void {
  const flat = input.replace(/\s+/g, ' ');
  for (const match of result.matches) {
    assert.ok(match.evidence.length > 0, `${match.entryId} has evidence`);
    for (const fragment of match.evidence) {
      assert.ok(fragment.length <= 125, `fragment too long (${fragment.length}): ${fragment}`);
      assert.ok(flat.includes(fragment.replace(/^…|…$/g, '')), `fragment not from the input: ${fragment}`);
    }
  }
}

describe('triage: text matcher', () => {
  describe('every knowledge base entry is recognised in a portal, a PowerShell/JSON and a log form', () => {
    POSITIVE_CASES.forEach((testCase, index) => {
      const forms: [string, string][] = [
        ['portal text', testCase.portal],
        ['PowerShell/JSON error', testCase.shell],
        ['log excerpt', logFormOf(testCase, index)],
      ];
      for (const [form, text] of forms) {
        it(`${testCase.entryId}: ${form}`, () => {
          const result = triageText(text);
          const top = result.matches[0];
          assert.equal(top?.entryId, testCase.entryId, summary(result));
          assert.notEqual(top.confidence, 'low', summary(result));
          if (namesCause(testCase.entryId, text)) assert.equal(top.confidence, 'high', summary(result));
          assert.equal(result.best?.entryId, testCase.entryId);
          assertEvidenceQuotesInput(result, text);
        });
      }
    });

    it('covers every entry of the knowledge base, here or in the evaluation set', () => {
      const evaluated = loadEvaluationPart('tuning').related.map((item) => item.expected);
      const tested = new Set([...POSITIVE_CASES.map((testCase) => testCase.entryId), ...PARAPHRASE_CASES.map(([entryId]) => entryId), ...evaluated]);
      assert.deepEqual(
        KNOWLEDGE_BASE.map((entry) => entry.id).filter((id) => !tested.has(id)),
        [],
      );
    });

    it('marks the PowerShell/JSON forms that carry a code as naming their cause', () => {
      for (const testCase of POSITIVE_CASES) {
        assert.equal(namesCause(testCase.entryId, testCase.shell), testCase.shellHasCode, testCase.entryId);
      }
    });
  });

  describe('other wordings people use', () => {
    for (const [entryId, text] of PARAPHRASE_CASES) {
      it(`${entryId}: ${JSON.stringify(text).slice(0, 70)}`, () => {
        const result = triageText(text);
        assert.equal(result.matches[0]?.entryId, entryId, summary(result));
        assert.notEqual(result.matches[0].confidence, 'low', summary(result));
      });
    }
  });

  describe('unrelated errors and chat', () => {
    for (const text of NEGATIVE_CASES) {
      it(`never high: ${JSON.stringify(text).slice(0, 70)}`, () => {
        const result = triageText(text);
        assert.ok(
          result.matches.every((match) => match.confidence !== 'high'),
          summary(result),
        );
      });
    }

    it('mostly end without a confident match', () => {
      const unmatched = NEGATIVE_CASES.filter((text) => triageText(text).verdict === 'no-confident-match');
      assert.ok(unmatched.length >= NEGATIVE_CASES.length * 0.9, `${unmatched.length} of ${NEGATIVE_CASES.length}`);
    });

    it('gives no confident answer to errors of other Microsoft apps in other languages, once glossed', () => {
      // The glossaries turn these into the same English HTTP and failure words our entries use.
      const texts = [
        'Die Synchronisierung von OneDrive ist fehlgeschlagen. Der Remoteserver hat einen Fehler zurückgegeben: (403) Verboten.',
        'Impossible de se connecter à SharePoint : le serveur distant a renvoyé une erreur : (401) Non autorisé.',
        'Outlook の同期に失敗しました。リモート サーバーがエラーを返しました: (500) 内部サーバー エラー',
        'Teams-appen kunde inte läsas in. Fjärrservern returnerade ett fel: (404) Hittades inte.',
        'Power BI: Aktualizacja zestawu danych nie powiodła się. Przekroczono limit liczby żądań.',
        'Error al guardar el elemento en la lista de SharePoint. Ya se agregó un elemento con la misma clave.',
        'Azure DevOps パイプラインの実行に失敗しました: 応答状態コードが成功とならない: 401 (権限なし)',
      ];
      for (const text of texts) assert.equal(triageText(text).verdict, 'no-confident-match', summary(triageText(text)));
    });

    it('answers generic HTTP words in text that names nothing of ours only as the closest guess', () => {
      // A 429 or a 404 from .NET's HttpClient reads the same for every web service in the world.
      const texts = [
        'The remote server returned an error: (429) Too Many Requests.',
        "429 Too Many Requests: Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed.",
        "Response status code doesn't indicate success: 404 (Not Found).",
      ];
      for (const text of texts) {
        const result = triageText(text);
        assert.equal(result.verdict, 'no-confident-match', summary(result));
        assert.ok(result.matches.length > 0, 'the closest entries are still listed');
      }
      const anchored = triageText('Dual-write initial sync: The remote server returned an error: (429) Too Many Requests.');
      assert.equal(anchored.best?.entryId, 'service-protection-throttling', summary(anchored));
    });

    it('is sure of a plug-in failure or a throttled request only where our products are named', () => {
      const confidence = (text: string) => triageText(text).matches[0]?.confidence;
      // Any Dataverse plug-in can fail with "ISV code"; only dual-write context makes it the synced write's.
      assert.notEqual(confidence('OrganizationServiceFault: An unexpected error occurred from ISV code. Unexpected exception from plug-in (Execute): Contoso.Plugins.Account'), 'high');
      assert.equal(
        triageText('Dual-write live sync to Dataverse failed: An unexpected error occurred from ISV code. Unexpected exception from plug-in (Execute): Contoso.Plugins.Account').best?.entryId,
        'live-sync-plugin-error',
      );
      // Other services' quotas read like Dataverse's service protection, without its "limit of … time window".
      assert.notEqual(confidence('{"error":{"code":"Request Throttled","message":"Number of export requests in the last hour exceeded limit"}} from the dataset refresh action'), 'high');
      assert.equal(triageText('Dataverse: Number of requests exceeded the limit of 6000 over time window of 300 seconds.').best?.entryId, 'service-protection-throttling');
    });

    it('gives no best match when nothing is strong, but still lists the closest partial matches', () => {
      const result = triageText('Something about capacity went wrong in setup, not sure what');
      assert.equal(result.verdict, 'no-confident-match');
      assert.equal(result.best, null);
      assert.ok(result.matches.every((match) => match.confidence === 'low'));
    });
  });

  describe('several plausible causes', () => {
    it('returns both capacity and licence when the text mentions both', () => {
      const result = triageText(
        'Setup failed: not enough Dataverse database capacity, and the admin who ran it has no Dynamics 365 licence assigned either.',
      );
      const top = result.matches.slice(0, 3).map((match) => match.entryId);
      assert.ok(top.includes('insufficient-capacity'), summary(result));
      assert.ok(top.includes('setup-licence-missing'), summary(result));
      assert.equal(result.verdict, 'ambiguous', summary(result));
    });

    it('returns both when two error codes are pasted together', () => {
      const result = triageText(
        '{"errors":[{"code":"InsufficientCapacity_StorageDriven","message":"…"},{"code":"DynamicsEntitlementMissing","message":"…"}]}',
      );
      const top = result.matches.map((match) => match.entryId);
      assert.ok(top.includes('insufficient-capacity') && top.includes('setup-licence-missing'), summary(result));
    });

    it('ranks the specific cause above the bare "setup failed" entry', () => {
      const result = triageText('PPI setup failed. The environment needs at least 1 GB of database capacity; free some up and select Resume.');
      assert.equal(result.matches[0].entryId, 'insufficient-capacity', summary(result));
      assert.equal(result.verdict, 'confident', summary(result));
    });

    it('does not read 0x80048d0b as "not linked" when the message is about Dataverse search', () => {
      const result = triageText('{"error":{"code":"0x80048d0b","message":"Dataverse Search feature is disabled for this organization."}}');
      assert.ok(result.matches.every((match) => match.entryId !== 'not-integrated' || match.confidence !== 'high'), summary(result));
    });
  });

  describe('what the text denies', () => {
    it('takes no code or identifier the text says it did not see as evidence', () => {
      const denied = triageText('After the refresh of UAT the Dual-write page shows no linked environment and no table maps. No SecureConfig-type message anywhere.');
      assert.ok(!denied.matches.some((match) => match.entryId === 'secureconfig-mismatch' && match.confidence === 'high'), summary(denied));
      assert.equal(denied.matches[0]?.entryId, 'refresh-removes-dual-write-link', summary(denied));
      const seen = triageText('After the refresh of UAT every dual-write save fails: SecureConfig Organization (prod) does not match actual CRM Organization (uat).');
      assert.equal(seen.best?.entryId, 'secureconfig-mismatch', summary(seen));
      assert.equal(seen.best?.confidence, 'high', summary(seen));
    });
  });

  describe('a cause inside one named product', () => {
    it('is found only in a text that names the product', () => {
      const invoiceCapture = (result: TriageResult) => result.matches.filter((match) => match.entryId.startsWith('invoice-capture-')).map((match) => match.entryId);
      const text = 'We bought a new company in February; the vendors AP keys into its legal entity never appear, while vendors of the other companies show up within a minute.';
      assert.deepEqual(invoiceCapture(triageText(text)), [], summary(triageText(text)));
      const named = `${text} This is in Invoice capture, when we classify the scanned invoices.`;
      assert.ok(invoiceCapture(triageText(named)).length > 0, summary(triageText(named)));
      // The name as another language inflects it ("u Invoice captureu", in Invoice capture) still names it.
      const inflected = (name: string) => `${text} Vidi se u ${name}: Manage vendors ne prikazuje dobavljača, Classify invoice isto.`;
      assert.ok(invoiceCapture(triageText(inflected('Invoice captureu'))).length > 0, summary(triageText(inflected('Invoice captureu'))));
      assert.deepEqual(invoiceCapture(triageText(inflected('aplikaciji'))), []);
    });
  });

  describe('what does not matter', () => {
    it('gives the same answer whatever the environment, company and ids are called', () => {
      const template = (environment: string, id: string) =>
        `2025-06-0${environment.length % 9} 10:00:00Z environment '${environment}' (${id}) for company ${environment.toUpperCase()}: Setup failed, the environment needs at least 1 GB of Dataverse database capacity.`;
      const first = triageText(template('contoso-prod', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'));
      const second = triageText(template('fabrikam-uat', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'));
      assert.deepEqual(
        first.matches.map((match) => [match.entryId, match.score]),
        second.matches.map((match) => [match.entryId, match.score]),
      );
    });

    it('reads a well-known app id however it is quoted or shortened', () => {
      for (const text of [
        'Entra ID applications: 6F7D0213-62B1-43A8-B7F4-FF2BB8B7B452 missing',
        'missing app {6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452}',
        'the app 6f7d0213-… is not in the list',
      ]) {
        assert.equal(triageText(text).matches[0]?.entryId, 'dual-write-apps-not-trusted', text);
      }
    });

    it('does not quote the same words twice when two phrases cover them', () => {
      const text = "Our flow 'When a row is added, modified or deleted' on the F&O virtual table for vendors never fires, although new vendors were created in F&O.";
      const [top] = triageText(text).matches;
      assert.equal(top.entryId, 've-change-events-unavailable');
      assert.equal(top.evidence.length, 1, top.evidence.join(' | '));
    });

    it('quotes the original text as evidence, not the normalised one', () => {
      const input = 'Invoke-RestMethod : {"error":{"code":"InsufficientCapacity_StorageDriven","message":"Needs 1 GB"}}';
      const evidence = triageText(input).matches[0].evidence.join(' ');
      assert.match(evidence, /InsufficientCapacity_StorageDriven/);
    });
  });
});
