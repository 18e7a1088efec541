import assert from 'node:assert/strict';
import { firstCause, SIGNALS_ONLY } from './firstCause';

// Store, sales and office staff describe what they saw in their own language and never name the
// integration. Each text below is written here, in the shape of the unseen sets that showed the class
// (fresh164–187); the evaluation parts hold the real ones.

describe('triage: business users describing a symptom', () => {
  it("reads a customer on hold or blocked in F&O, quoted in the user's language, as F&O's own rule refusing the synced change", () => {
    const finnish = "Moi, en saa tallennettua tilausta Salesissa: 'Unable to write data to entity salesorders', ja lopussa teksti että asiakas FI20-0042 on pidossa (Kaikki). Muut asiakkaat toimii.";
    const german = "Auftrag lässt sich in Sales nicht speichern: Daten können nicht in Entität 'salesorders' geschrieben werden. Debitor 50012 ist gesperrt: Alle.";
    assert.match(firstCause(finnish), /^dual-write-fno-validation-rejects-write /);
    assert.match(firstCause(german), /^dual-write-fno-validation-rejects-write /);
  });

  it('reads a plug-in that validates a field in Sales as custom code failing the write, not as missing reference data', () => {
    const danish =
      "Hej, vi kan ikke gemme kunder i FO når CVR-nummeret har bogstaver foran. Fejlen: Unable to write data to entity accounts ... Plugin Nordlys.Crm.Plugins.ValidateCvr: 'CVR skal være 8 cifre'. Det startede efter konsulenterne lagde en ny validering ind i Sales. Kunder uden CVR går fint.";
    assert.match(firstCause(danish), /^live-sync-plugin-error /);
  });

  it('reads business units merged or deleted under the connection set as companies the mapping no longer matches', () => {
    const text =
      'Our Dataverse admins merged the business units of two legal entities and deleted the old ones. Since then the dual-write maps will not start; validation complains about the organization mapping of the connection set.';
    assert.match(firstCause(text), /^map-partition-invalid /);
  });

  it('reads a product created in Sales that never reaches F&O as products mastered in F&O, with some confidence', () => {
    const italian =
      'Ciao! Ho creato un prodotto nuovo direttamente in Dynamics 365 Sales (Impostazioni > Catalogo prodotti), ma in FnO non compare tra i prodotti rilasciati, neanche dopo un giorno. La mappa dei prodotti è in esecuzione.';
    assert.match(firstCause(italian), /^products-mastered-in-fno (medium|high)$/);
  });

  it("reads status values shown in English in an app that reads F&O as the virtual table's labels, not the environment's base language", () => {
    const finnish = 'Moi, myyjien Power Appsissa (lukee tilaukset suoraan FO:sta) tilausten tila näkyy englanniksi, vaikka kaikki muu sovelluksessa on suomeksi.';
    assert.match(firstCause(finnish), /^ve-choice-labels-language /);
  });

  it('reads companies linked to dual-write before a new one existed as the new company left out of the link', () => {
    const text = 'Dual-write was connected in 2023, back then just the three Dutch companies existed. NL04, opened this spring, has hundreds of customers in F&O but zero records in Dataverse.';
    assert.match(firstCause(text), /^dual-write-legal-entity-not-linked /);
  });

  it("reads an app listing every company's rows while F&O shows only the user's default company as the virtual table's company column, in French", () => {
    const french = "Dans l'appli Power Apps des commerciaux, la liste des clients affiche aussi ceux des autres sociétés, mélangés. Dans Finance je ne vois que ma société par défaut FR01.";
    assert.match(firstCause(french), /^ve-company-filter (medium|high)$/);
  });

  it('reads rates that keep six decimals in Finance and four in the other app as rounding of currency columns, in French', () => {
    const french = 'Nos taux de coût dans Finance ont 6 décimales, mais dans Sales le même taux n\'en garde que 4. Pourquoi on perd des décimales ?';
    assert.match(firstCause(french), /^dual-write-currency-decimals /);
  });

  it('reads a price given with many decimals and shown rounded in the other app as currency columns rounding, told in digits alone', () => {
    // Finnish and Hungarian: only the figures say what happened; no word for rounding or decimals.
    const finnish = 'Ostohinta on F&O:ssa 0,004386 € / kpl, mutta Salesin tarjouksella 0,0044. Isoissa tilauksissa summa heittää.';
    const hungarian = 'A Sales ajánlaton 7,2500 HUF áll, az F&O-ban 7,24998 HUF. A vevő reklamált.';
    assert.match(firstCause(finnish, SIGNALS_ONLY), /^dual-write-currency-decimals /);
    assert.match(firstCause(hungarian, SIGNALS_ONLY), /^dual-write-currency-decimals /);
  });

  it('reads a batch whose changes never reach the other app while the same change by hand arrives at once as a set-based update', () => {
    const german = 'Ein nächtlicher Job setzt in F&O die Zahlungsbedingungen neu. In Sales bleibt alles alt. Ändere ich einen Kunden von Hand, ist es sofort drüben.';
    assert.match(firstCause(german, SIGNALS_ONLY), /^live-sync-set-based-not-tracked /);
  });

  it('reads someone refused by an app on F&O data who never had an F&O login as a user missing in F&O', () => {
    const text = 'The new planner opens our stock app and gets an error loading the F&O items; everyone else sees them. She has a Power Apps licence but never had an F&O login.';
    assert.match(firstCause(text, SIGNALS_ONLY), /^ve-user-not-in-fno /);
  });

  it('reads a field F&O and OData show but the mserp table lacks as the virtual table metadata not refreshed', () => {
    const italian = "Il campo 'Classe peso' è visibile in F&O e tramite OData, ma nella tabella mserp in Power Apps il campo non esiste.";
    assert.match(firstCause(italian, SIGNALS_ONLY), /^ve-metadata-not-refreshed /);
  });

  it('reads a product description that goes back to the old text after an edit in Field Service as products mastered in F&O', () => {
    const text = 'I corrected the description of item 4471 in Field Service on Monday; by Wednesday it was back to the old text.';
    assert.match(firstCause(text, SIGNALS_ONLY), /^products-mastered-in-fno /);
  });

  it("reads an order line refused because the site must be filled in, as F&O's mandatory field says it in German", () => {
    const german = "Beim Speichern der Angebotszeile in Sales: Unable to write data to entity salesquotationlines. Das Feld 'Standort' muss ausgefüllt werden. Der Artikel ist neu freigegeben.";
    assert.match(firstCause(german, SIGNALS_ONLY), /^p2c-order-lines-need-fno-products-and-defaults /);
  });

  it('reads a new column that stays empty while the rest of the account syncs as a field nobody mapped, in Czech', () => {
    const czech = 'Nové pole Kategorie e-shopu jsme přidali na zákazníka ve FO i na účet v Dataverse. Hodnoty se nepropisují, zbytek účtu synchronizuje normálně přes dual-write.';
    assert.match(firstCause(czech, SIGNALS_ONLY), /^dual-write-field-not-in-map /);
  });

  it('reads a new legal entity whose rows never show while the older companies sync as a company outside the dual-write link, told at length', () => {
    const english =
      'A new legal entity, NL07 (the Venlo packaging plant we bought in spring), was created in F&O last month; customers and vendors of NL01 and NL02 still come across to Sales normally, but for NL07 nothing shows.';
    const vietnamese = 'Pháp nhân mới VN07 (nhà máy Bình Dương) được tạo trong F&O tuần trước. Khách hàng của VN01 sang CE bình thường, nhưng của VN07 thì không thấy gì cả.';
    assert.match(firstCause(english, SIGNALS_ONLY), /^dual-write-legal-entity-not-linked (medium|high)$/);
    assert.match(firstCause(vietnamese, SIGNALS_ONLY), /^dual-write-legal-entity-not-linked (medium|high)$/);
  });

  it('reads a new vendor missing from Invoice capture, named in Spanish, as master data not yet synced there', () => {
    const spanish = 'En Captura de facturas no aparece el proveedor que creamos ayer en Finance; los demás proveedores sí salen.';
    assert.match(firstCause(spanish), /^invoice-capture-master-data-not-synced /);
  });

  it('reads a private customer missing among the accounts of Sales, in Japanese, as a person that syncs as a contact', () => {
    const japanese = '個人のお客様を F&O で顧客として登録しましたが、Sales の取引先企業で検索しても出てきません。法人のお客様は出てきます。';
    assert.match(firstCause(japanese), /^person-customer-syncs-as-contact (medium|high)$/);
  });
});
