import assert from 'node:assert/strict';
import { triageText } from '../../../src/domain/triage/matcher';

// Store, sales and office staff describe what they saw in their own language and never name the
// integration. Each text below is written here, in the shape of the unseen sets that showed the class
// (fresh164–171); the evaluation parts hold the real ones.

function first(text: string) {
  const [best] = triageText(text).matches;
  return best ? `${best.entryId} ${best.confidence}` : '(none)';
}

describe('triage: business users describing a symptom', () => {
  it("reads a customer on hold or blocked in F&O, quoted in the user's language, as F&O's own rule refusing the synced change", () => {
    const finnish = "Moi, en saa tallennettua tilausta Salesissa: 'Unable to write data to entity salesorders', ja lopussa teksti että asiakas FI20-0042 on pidossa (Kaikki). Muut asiakkaat toimii.";
    const german = "Auftrag lässt sich in Sales nicht speichern: Daten können nicht in Entität 'salesorders' geschrieben werden. Debitor 50012 ist gesperrt: Alle.";
    assert.match(first(finnish), /^dual-write-fno-validation-rejects-write /);
    assert.match(first(german), /^dual-write-fno-validation-rejects-write /);
  });

  it('reads a plug-in that validates a field in Sales as custom code failing the write, not as missing reference data', () => {
    const danish =
      "Hej, vi kan ikke gemme kunder i FO når CVR-nummeret har bogstaver foran. Fejlen: Unable to write data to entity accounts ... Plugin Nordlys.Crm.Plugins.ValidateCvr: 'CVR skal være 8 cifre'. Det startede efter konsulenterne lagde en ny validering ind i Sales. Kunder uden CVR går fint.";
    assert.match(first(danish), /^live-sync-plugin-error /);
  });

  it('reads business units merged or deleted under the connection set as companies the mapping no longer matches', () => {
    const text =
      'Our Dataverse admins merged the business units of two legal entities and deleted the old ones. Since then the dual-write maps will not start; validation complains about the organization mapping of the connection set.';
    assert.match(first(text), /^map-partition-invalid /);
  });

  it('reads a product created in Sales that never reaches F&O as products mastered in F&O, with some confidence', () => {
    const italian =
      'Ciao! Ho creato un prodotto nuovo direttamente in Dynamics 365 Sales (Impostazioni > Catalogo prodotti), ma in FnO non compare tra i prodotti rilasciati, neanche dopo un giorno. La mappa dei prodotti è in esecuzione.';
    assert.match(first(italian), /^products-mastered-in-fno (medium|high)$/);
  });

  it("reads status values shown in English in an app that reads F&O as the virtual table's labels, not the environment's base language", () => {
    const finnish = 'Moi, myyjien Power Appsissa (lukee tilaukset suoraan FO:sta) tilausten tila näkyy englanniksi, vaikka kaikki muu sovelluksessa on suomeksi.';
    assert.match(first(finnish), /^ve-choice-labels-language /);
  });
});
