import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fromRoot } from '../../../src/projectRoot';
import { GLOSSARY_FILES, GlossaryError, loadGlossaries } from '../../../src/domain/triage/glossary';
import { areaOf } from '../../../src/domain/triage/knowledgeBase';
import { ENGLISH_TEXT_ASK, triageText } from '../../../src/domain/triage/matcher';
import { normalise, toPlain } from '../../../src/domain/triage/normalise';
import { glossToEnglish } from '../../../src/domain/triage/glossary';
import { unmapped } from '../../../src/domain/triage/mappedText';

const fold = (text: string) => toPlain(text).text;
const tokens = (text: string) => normalise(text).tokens.map((token) => token.text).join(' ');
const file = (data: Record<string, unknown>) => [{ name: 'xx.json', data: { language: 'es', name: 'Test', script: 'Latin', family: 'romance', markers: ['el', 'la', 'de', 'que', 'en'], sources: ['https://learn.microsoft.com/es-es/x'], words: { entorno: 'environment' }, ...data } }];

describe('triage: glossaries of translated screens', () => {
  it('loads every shipped glossary, each citing public sources', () => {
    const loaded = loadGlossaries(GLOSSARY_FILES, fold);
    // Traditional and Simplified Chinese share a script, and so do Russian, Ukrainian, Bulgarian and Serbian in Cyrillic, and Arabic, Urdu and Persian: one pass each.
    assert.equal(loaded.length, GLOSSARY_FILES.length - 6);
    assert.ok(loaded.some((glossary) => glossary.language === 'ar+ur+fa'));
    assert.ok(loaded.some((glossary) => glossary.language === 'zh-hant+zh-hans'));
    assert.ok(loaded.some((glossary) => glossary.language === 'ru+uk+bg+sr-cyrl'));
    assert.ok(loaded.every((glossary) => glossary.english.size >= 30), loaded.map((glossary) => `${glossary.language}: ${glossary.english.size}`).join(', '));
  });

  it('lists no word that, its accents folded, is a function word of a related language with another meaning', () => {
    // Related languages gloss each other's texts: Portuguese "lê" (reads) folds to French "le" and rewrote every French article.
    const latin = GLOSSARY_FILES.map((glossaryFile) => glossaryFile.data as { language: string; script: string; family?: string; markers?: string[]; words: Record<string, string> }).filter((data) => data.script === 'Latin');
    const clashes = latin.flatMap((own) =>
      Object.entries(own.words).flatMap(([word, meaning]) =>
        latin
          .filter((other) => other !== own && other.family === own.family && other.markers?.includes(fold(word)) && other.words[fold(word)] === undefined)
          .map((other) => `${own.language} "${word}" (${meaning}) is a ${other.language} function word`),
      ),
    );
    // Catalan "en" is "in" too, Turkish "ve" is "and" like Azerbaijani "və", and Italian "mai" (never) is Romanian's "no longer" in "nu mai".
    assert.deepEqual(clashes.sort(), ['az "və" (and) is a tr function word', 'es "en" (in) is a ca function word', 'it "mai" (never) is a ro function word']);
  });

  it('lists every file of the glossary folder, so none is silently left out', () => {
    const inFolder = readdirSync(fromRoot('src/domain/triage/glossary')).filter((name) => name.endsWith('.json')).sort();
    assert.deepEqual(GLOSSARY_FILES.map((file) => file.name).sort(), inFolder);
  });

  it('refuses a bad file, naming the file and the field', () => {
    assert.throws(() => loadGlossaries(file({ sources: [] }), fold), (error: Error) => error instanceof GlossaryError && /glossary\/xx\.json: sources: cite at least one/.test(error.message));
    assert.throws(() => loadGlossaries(file({ markers: undefined }), fold), /glossary\/xx\.json: markers: a language in the Latin alphabet needs its function words/);
    assert.throws(() => loadGlossaries(file({ words: { entorno: 'Environment!' } }), fold), /words\.entorno: English in lower case/);
    assert.throws(() => loadGlossaries(file({ words: { 'región': 'region' } }), fold), /words\["región"\]: is the English word itself/);
    assert.throws(() => loadGlossaries(file({ words: { Entorno: 'environment', 'entorno ': 'tenant' } }), fold), /folds to the same text as another word with another meaning/);
    assert.throws(() => loadGlossaries(file({ script: 'Hangul', words: { entorno: 'environment' } }), fold), /words\["entorno"\]: has no letter of the Hangul script/);
    // A product name cut out of a translated sentence would stand for the whole sentence in any English text.
    assert.throws(
      () => loadGlossaries(file({ words: { 'Microsoft Power Platform': 'microsoft has detected that your environment is linked via dual-write to a different destination than specified in power platform integration' } }), fold),
      /words\["Microsoft Power Platform"\]: has only words of its English meaning/,
    );
    // A code or a timestamp cut out of a message is no word of the language.
    assert.throws(() => loadGlossaries(file({ words: { isErrorCountUpdated: 'payload creation failed' } }), fold), /or only codes/);
    assert.throws(() => loadGlossaries(file({ words: { '2019-08-27T18:51:52.5843124Z': 'unable to generate payload' } }), fold), /or only codes/);
    assert.throws(() => loadGlossaries(file({ words: { 'la charge utile est vide': '2019-08-27t18 51 52 5843124z' } }), fold), /has no English word in its meaning/);
  });

  it('refuses endings that are not plain lower-case letters, naming the file and the field', () => {
    assert.throws(() => loadGlossaries(file({ endings: ['s', 'ões'] }), fold), /glossary\/xx\.json: endings\.1: a lower-case ending without accents/);
    assert.throws(() => loadGlossaries(file({ endings: [] }), fold), /glossary\/xx\.json: endings/);
  });

  it('refuses a negation around the verb whose words are not plain lower-case letters, naming the file and the field', () => {
    const negation = { opening: ['ne'], inside: ["s'"], closing: ['pas'] };
    assert.throws(() => loadGlossaries(file({ negationAroundVerb: negation }), fold), /glossary\/xx\.json: negationAroundVerb\.inside\.0: a lower-case word without accents/);
  });

  it('reads a ticket as its own language although it quotes the English message it got', () => {
    // Lithuanian around a quoted English sign-in message: the quote's "you", "are", "to", "with" are no English reading.
    const text = 'Sveiki, naujas darbuotojas Vilniuje negali prisijungti prie F&O: „You are not authorized to login with your current credentials“. Jį pamiršome.';
    assert.match(tokens(text), /new employee/);
    // Unquoted, the same English words still make the text English, and no Lithuanian is glossed.
    assert.doesNotMatch(tokens('Sveiki, naujas darbuotojas: you are not authorized to login with your current credentials.'), /new employee/);
    // A text that is little more than its quote is counted whole.
    assert.doesNotMatch(tokens('naujas darbuotojas "you are not authorized to login with your current credentials"'), /new employee/);
  });

  it('finds the plural, the other gender and other tenses of a listed word by its stem', () => {
    const [glossary] = loadGlossaries(file({ endings: ['s', 'es', 'a', 'o', 'os', 'ado', 'ar'], words: { fornecedor: 'vendor', registo: 'record', sincronizar: 'sync' } }), fold);
    assert.equal(glossary.inflected?.meaningOf('fornecedores'), 'vendor');
    assert.equal(glossary.inflected?.meaningOf('registos'), 'record');
    assert.equal(glossary.inflected?.meaningOf('sincronizado'), 'sync');
    // Short words and words of no listed stem stay as they are.
    assert.equal(glossary.inflected?.meaningOf('datos'), null);
    assert.equal(glossary.inflected?.meaningOf('proveedores'), null);
  });

  it('glosses a stem two words of different meaning share as neither, and never an English word', () => {
    const [glossary] = loadGlossaries(file({ endings: ['a', 'o', 's'], words: { cargo: 'position', carga: 'load', entorno: 'environment' } }), fold);
    assert.equal(glossary.inflected?.meaningOf('cargos'), null);
    // "minute" is English in any glossary's meanings ("minutes"), so a Romance stem never claims it.
    const [withMinute] = loadGlossaries(file({ endings: ['os', 'o', 's'], words: { minuto: 'minutes' } }), fold);
    assert.equal(withMinute.inflected?.meaningOf('minutos'), 'minutes');
    assert.equal(withMinute.inflected?.meaningOf('minute'), null);
    assert.equal(withMinute.inflected?.meaningOf('minutes'), null);
  });

  it('finds a stem two listed words share that differ only in English number (order, orders) as the singular, whichever is listed first', () => {
    const [singularFirst] = loadGlossaries(file({ endings: ['o', 'os', 'a'], words: { entorno: 'environment', entornos: 'environments' } }), fold);
    const [pluralFirst] = loadGlossaries(file({ endings: ['o', 'os', 'a'], words: { entornos: 'environments', entorno: 'environment' } }), fold);
    assert.equal(singularFirst.inflected?.meaningOf('entorna'), 'environment');
    assert.equal(pluralFirst.inflected?.meaningOf('entorna'), 'environment');
    // Two meanings that are not one word in two numbers still stand for neither.
    const [apart] = loadGlossaries(file({ endings: ['o', 'a', 's'], words: { cargo: 'position', cargas: 'loads' } }), fold);
    assert.equal(apart.inflected?.meaningOf('cargos'), null);
    // Polish lists "środowisko" (environment) and "środowiska" (environments): the locative plural is found by their stem.
    assert.match(tokens('Odświeżenie bazy danych w obu środowiskach kończy się błędem.'), /\benvironment\b/);
  });

  it('reads the negation French wraps around a verb as "not" before it, and "ne peux pas" as "can not"', () => {
    assert.equal(tokens('Le flux ne se déclenche pas.'), 'le flow not fires');
    assert.equal(tokens("Je ne peux pas enregistrer le compte."), 'je can not save le account');
    assert.match(tokens('Les clients ne se synchronisent plus vers Dataverse.'), /^les clients not synchronisent to dataverse$/);
  });

  it('glosses a text with the languages of the family it reads as, not with a language of another family that shares a few short words', () => {
    const language = (code: string, family: string, markers: string[], words: Record<string, string>) => ({
      name: `${code}.json`,
      data: { language: code, name: code, script: 'Latin', family, markers, sources: ['https://learn.microsoft.com/x'], words },
    });
    const glossaries = loadGlossaries(
      [
        language('fr', 'romance', ['le', 'la', 'les', 'des', 'un', 'en'], { rafraichissement: 'refresh' }),
        language('es', 'romance', ['el', 'los', 'del', 'que', 'una', 'la'], { copia: 'copy' }),
        language('da', 'germanic', ['og', 'at', 'det', 'er', 'en', 'til'], { andre: 'other' }),
      ],
      fold,
    );
    const glossed = (text: string) => glossToEnglish(unmapped(fold(text)), glossaries).text;
    // French reads (six function words); Danish shares only "en" with it, so "André" stays a name.
    const french = glossed('Marc-André a lancé un rafraîchissement de la base en cours, les tests et la copia des données en attente');
    assert.ok(french.includes('andre') && !french.includes('other'), french);
    assert.ok(french.includes('refresh'), french);
    // Spanish is of the same family: its word still meets the French text.
    assert.ok(french.includes('copy'), french);
    // Where no language clearly reads, a short message is glossed as before.
    assert.equal(glossed('andre og det'), 'other og det');
  });

  it('refuses a Latin-alphabet language without its family, naming the file and the field', () => {
    assert.throws(() => loadGlossaries(file({ family: undefined }), fold), /glossary\/xx\.json: family: a language in the Latin alphabet needs its family/);
  });

  it('reads a Portuguese ticket whose plurals the glossary does not list', () => {
    const words = tokens('O mapa de fornecedores falha na sincronização inicial: o número de registos ultrapassa o limite, temos mais de 600 mil linhas.');
    assert.ok(words.includes('vendor') && words.includes('record'), words);
    // An English ticket is left as it is: no glossary reads it as its language.
    assert.equal(tokens('The vendors map refuses records'), 'the vendors map refuses records');
  });

  it('glosses a French ticket\'s words without turning "il y a" (there is) into "ago"', () => {
    const words = normalise("Il y a une erreur : je viens d'obtenir le rôle, LCS refuse toujours la liaison PPI.").tokens.map((token) => token.text);
    assert.ok(!words.includes('ago'), words.join(' '));
    assert.ok(words.includes('still') && words.join(' ').includes('just got'), words.join(' '));
  });

  it('finds every language\'s phrases before a related language\'s single words, and the language the text reads as first', () => {
    // Catalan's glossary (listed before French) would take "connecter" alone and leave "ne peuvent pas se connect".
    assert.match(tokens('Les utilisateurs ne peuvent pas se connecter depuis le refresh de la base.'), /users can not sign in since/);
    assert.match(tokens("Depuis ce matin aucun des utilisateurs n'arrive à se connecter à l'environnement UAT."), /can not sign in/);
    // Spanish "problema" (listed before Portuguese) would cut "não é problema de" apart.
    assert.match(tokens('Olá, a integração falha. A licença está ok e não é problema de permissões.'), /not a problem of permissions/);
    // A word both languages list with different meanings takes the meaning of the language the text reads as:
    // Portuguese "fila" is a queue, Spanish "fila" a row.
    assert.match(tokens('Os pedidos ficam na fila do dual-write e não chegam ao FO, a fila de erros está cheia desde ontem.'), /queue do dualwrite/);
    assert.match(tokens('Los pedidos no llegan a FO, la fila del pedido queda en error en la tabla de Dataverse desde ayer.'), /row del order/);
    // Portuguese "não" and Italian "non" are negations, like Spanish "no".
    assert.match(tokens('O mapa não sincroniza os clientes.'), /\bnot\b/);
    assert.match(tokens('La mappa non si avvia, manca la chiave di integrazione.'), /not starts?.*integration key/);
  });

  it('leaves English that names the products a translated page keeps in English as it is', () => {
    // No English function word, so every glossary of the Latin alphabet is tried on it.
    assert.equal(tokens('Microsoft Power Platform database capacity'), 'microsoft power platform database capacity');
  });

  it('glosses message fragments in English word order, longest first, in scripts without spaces', () => {
    assert.equal(tokens('无法将数据写入实体 uoms。'), 'unable to write data to entity uoms');
    assert.equal(tokens('已新增具有相同金鑰的項目'), 'an item with the same key has already been added');
    assert.equal(tokens('연결집합을 저장하지 못했습니다'), 'save connection set failed');
    assert.equal(tokens('AX واجه التصدير خطأ'), 'ax encountered export error');
  });

  it('reads Japanese by its kana, so characters Chinese uses otherwise keep their Japanese meaning', () => {
    assert.match(tokens('部署のチームに権限がありません'), /business unit/);
    assert.match(tokens('部署失败'), /^deployment failed$/);
  });

  it('glosses a language in the Latin alphabet only where the text reads as that language', () => {
    assert.equal(tokens('El servidor remoto devolvió un error: (400) Solicitud incorrecta.'), 'the remote server returned an error 400 bad request');
    // Two words of the language decide a short message without function words.
    assert.equal(tokens('Entorno no encontrado'), 'environment not found');
    // English is never rewritten, even where a word is also German or French.
    assert.equal(tokens('Installation failed for the package on the database'), 'installation failed for the package on the database');
    assert.equal(tokens('The organisation has reached its capacity limite'), 'the organisation has reached its capacity limite');
    // One entry of several words decides as well as two entries do.
    assert.equal(tokens('o servidor recusou a ligação'), 'o server refused to connect');
    assert.equal(tokens('recusou'), 'recusou');
  });

  it('keeps letters Unicode does not decompose inside their word', () => {
    // "ß", "ł", "ı" used to split a word in two, so neither half met a glossary or a signal.
    assert.equal(tokens('Der Export ließ sich nicht abschließen'), 'der export liess sich not complete');
    assert.equal(tokens('Kontrola błędu'), 'kontrola bledu');
    assert.equal(tokens('Ortamı bulunamıyor'), 'environment can not be found');
  });

  it('answers a Romanian ticket: the Dual-write page stays blank in another browser and for another admin too', () => {
    const result = triageText('Bună ziua, de azi dimineață, când apăs pe dala Dual-write din spațiul de lucru Data management, pagina rămâne albă și nu se încarcă nimic. Am încercat alt browser, alt utilizator admin – la fel.');
    assert.equal(result.best?.entryId, 'dual-write-module-unavailable');
    assert.equal(result.best?.confidence, 'medium');
  });

  it('glosses "without", "enable" and "afterwards", which decide between neighbouring causes', () => {
    // A cloud-hosted box deployed without PPI, asking whether it can be enabled afterwards.
    assert.match(tokens('Se desplegó sin la integración. ¿Se puede activar después?'), /without .*enable afterwards/);
    assert.match(tokens('Die Umgebung wurde ohne Integration bereitgestellt, kann man sie nachträglich aktivieren?'), /without .*afterwards enable/);
    assert.match(tokens('De omgeving is zonder integratie uitgerold, kunnen we die achteraf inschakelen?'), /without .*afterwards enable/);
  });

  it('glosses a whole message as the localized Learn page translates it', () => {
    // From the pages aligned section by section with the English ones (see the glossary files' sources).
    assert.equal(tokens('Sie können die anfängliche Synchronisierung nicht abschließen'), 'you can not complete initial synchronization');
    assert.equal(tokens('Ошибка при сохранении набора соединений! Элемент с таким же ключом уже добавлен.'), 'saving connection set failed an item with the same key has already been added');
    assert.equal(tokens('Atsakymo būsenos kodas nenurodo sėkmės: 404'), 'response status code does not indicate success 404');
  });

  it('finds longer German words inside glued nouns, never short ones', () => {
    assert.equal(tokens('Nicht genügend Datenbankkapazität im Mandanten'), 'not enough database capacity im tenant');
    assert.equal(tokens('Die Speicherkapazität der Umgebungen'), 'die storage capacity der environments');
    // "rolle" (role) is too short to be looked for inside "Kontrolle".
    assert.match(tokens('Die Kontrolle der Rolle ist fehlgeschlagen'), /^die kontrolle der role has failed$/);
    assert.equal(triageText('Nicht genügend Datenbankkapazität im Mandanten, um die Umgebung zu erstellen.').best?.entryId, 'insufficient-capacity');
    // Never inside an English word a Scandinavian text keeps: Swedish "databas" is no part of "database-refresh".
    assert.equal(tokens('Er der sket noget med UAT i weekenden? Ja, en database-refresh fra PROD'), 'er der sket noget med uat weekend ja en database refresh fra prod');
  });

  // The everyday words of a helpdesk ticket, which the translated Learn pages seldom use: when it
  // started, what hangs, what the screen shows, what was tried, how urgent it is.
  const everyday: [string, string, string][] = [
    ['de', 'Seit dem Update ist die Schaltfläche ausgegraut, bitte dringend um Hilfe.', 'since the update ist die button greyed out please urgent um help'],
    ['fr', 'Depuis hier la synchronisation est bloquée et le bouton est grisé, rien ne se passe.', 'since yesterday la sync est stuck et le button est greyed out nothing happens'],
    ['es', 'Después de copiar la base de datos a producción, el botón sigue deshabilitado y no pasa nada.', 'after the copy la database a production el button still disabled y nothing happens'],
    ['it', 'Da stamattina la copia del database è bloccata, ho riprovato più volte.', 'since this morning la database copy e stuck tried again several times'],
    ['pt', 'A atualização está travada há horas e o botão não aparece na tela.', 'a update esta stuck for hours e o button not shown na screen'],
    ['nl', 'De synchronisatie is sinds gisteren vastgelopen, ik heb het opnieuw geprobeerd maar er gebeurt niets.', 'de sync is since yesterday stuck ik heb het tried again but nothing happens'],
    ['pl', 'Od wczoraj kopia bazy danych utknęła, przycisk jest wyszarzony, proszę o pomoc, pilne.', 'since yesterday copy database stuck button jest greyed out please o help urgent'],
    ['da', 'Synkroniseringen sidder fast i flere timer, og knappen er nedtonet.', 'sync stuck for hours og button er greyed out'],
    ['sv', 'Efter kopieringen saknas fältet i listan och knappen är nedtonad.', 'after the copy missing field i list och button ar greyed out'],
    ['nb', 'Etter oppdateringen vises ikke feltet, og jeg finner ikke knappen.', 'after the refresh not shown field og jeg can not find button'],
    ['cs', 'Od včera se synchronizace zasekla a tlačítko je zašedlé, nic se neděje.', 'since yesterday se sync stuck a button je greyed out nothing happens'],
    ['tr', 'Dünden beri senkronizasyon takıldı ve düğme gri, lütfen acil yardım.', 'since yesterday sync stuck and button greyed out please urgent help'],
    // Azerbaijani's schwa folds to "e": "və" is "and" like Turkish "ve".
    ['az', 'Dünəndən bəri sinxronizasiya ilişib və düymə boz rəngdədir, zəhmət olmasa təcili kömək edin.', 'since yesterday sync stuck and button greyed out please urgent help'],
    // Persian shares the Arabic pass; the same ticket as typed on a phone in Latin letters.
    ['fa', 'از دیروز همگام سازی گیر کرده و دکمه خاکستری است، لطفا فوری کمک کنید.', 'since yesterday sync stuck button greyed out please urgent help'],
    ['fa-latn', 'az dirooz sync gir karde va dokme kar nemikone, lotfan fori komak konid', 'since yesterday sync stuck va button does not work please urgent help'],
    ['fi', 'Kopioinnin jälkeen kenttä puuttuu ja painike on harmaana.', 'after the copy field missing ja button on greyed out'],
    ['ja', '昨日から同期が止まったままで、ボタンがグレーアウトしています。', 'since yesterday sync stuck button greyed out'],
    ['zh-Hans', '复制后页面不显示按钮，重试了好几次。', 'after the copy page not shown button tried again several times'],
    ['zh-Hant', '從昨天開始同步卡住了，按鈕呈灰色，什麼都沒發生。', 'since yesterday sync stuck button greyed out nothing happens'],
    ['ko', '어제부터 동기화가 멈춰 있고 버튼이 회색입니다.', 'since yesterday sync stuck button greyed out'],
    ['ru', 'После копирования кнопка неактивна, ничего не происходит, помогите пожалуйста.', 'after the copy button inactive nothing happens help please'],
    ['ro', 'De azi dimineață pagina rămâne albă și nu se încarcă nimic; am încercat alt browser.', 'since this morning page stays blank si nothing loads we tried another browser'],
    ['vi', 'Từ hôm qua đồng bộ bị treo, không có gì xảy ra.', 'since yesterday sync stuck nothing happens'],
    ['el', 'Από χθες ο συγχρονισμός έχει κολλήσει και δεν γίνεται τίποτα.', 'since yesterday sync stuck nothing happens'],
    ['he', 'מאתמול הסנכרון תקוע ולא קורה כלום.', 'since yesterday sync stuck nothing happens'],
    ['uk', 'З учора синхронізація зависла, кнопка сіра і нічого не відбувається.', 'since yesterday sync hangs button greyed out nothing happens'],
    ['ru (negated verb)', 'Двойная запись не синхронизируется, ошибок нет.', 'dualwrite not syncing no error'],
    ['id', 'Sejak kemarin sinkronisasi macet, tombolnya abu-abu dan tidak terjadi apa-apa.', 'since yesterday sync stuck button greyed out dan nothing happens'],
    ['ms', 'Sejak semalam penyegerakan tersekat, butang berwarna kelabu dan tiada apa-apa berlaku.', 'since yesterday sync stuck button greyed out dan nothing happens'],
    ['hr', 'Od jučer se sinkronizacija zaglavila i gumb je zasivljen, ništa se ne događa.', 'since yesterday se sync stuck i button je greyed out nothing happens'],
    ['sr (Latin, no diacritics)', 'Od juce sinhronizacija ne radi, dugme je sivo, molim pomoc hitno.', 'since yesterday sync does not work button je greyed out please help urgent'],
    ['sl', 'Od včeraj se sinhronizacija ne zažene in gumb je siv, nič se ne zgodi.', 'since yesterday se sync not run in button je greyed out nothing happens'],
    ['sr-Cyrl', 'Од јуче синхронизација не ради, дугме је засивљено и ништа се не дешава.', 'since yesterday sync does not work button greyed out nothing happens'],
  ];
  // The business nouns around them: what was being synced (orders, stock, data) and through what.
  // Glossaries aligned from Learn pages had the messages but not these everyday nouns.
  const business: [string, string, string][] = [
    ['ja', '統合サービスのエラーで、在庫データが受注に反映されません。', 'integration service error inventory data sales order not updated'],
    ['ko', '통합 서비스 오류로 재고 데이터가 판매 주문에 반영 안 됩니다.', 'integration service error inventory data sales order not updated'],
    ['zh-Hans', '集成服务返回错误，库存数据没有同步到销售订单。', 'integration service error inventory data not synced sales order'],
    ['zh-Hant', '整合服務回傳錯誤，庫存資料沒有同步到銷售訂單。', 'integration service error inventory data not synced sales order'],
    ['da', 'Salgsordre fejlede, lagerbeholdning mangler og integrationen virker ikke.', 'sales order failed on hand inventory missing og integration does not work'],
    ['sv', 'Försäljningsorder misslyckas, lagersaldo saknas och integrationen har slutat fungera.', 'sales order fails on hand inventory missing och integration har stopped working'],
    ['nb', 'Salgsordre feiler, lagerbeholdning mangler og integrasjonen synkroniseres ikke.', 'sales order fails on hand inventory missing og integration not synced'],
    ['fi', 'Myyntitilaus epäonnistuu, varastosaldo puuttuu ja integraatio ei synkronoidu.', 'sales order fails on hand inventory missing ja integration not synced'],
    ['ar', 'المخزون في المستودع ما يطلع في Sales، وأوامر البيع ما وصلت من أمس بسبب الصيانة المجدولة.', 'inventory warehouse not shown sales sales orders did not arrive since yesterday maintenance scheduled'],
    ['ar (person customers)', 'عملاء أفراد ما يطلعون في Accounts، أما عملاء الشركات يطلعون عادي.', 'person customers not shown accounts organization customers appear'],
  ];
  // What the admin center says of an environment after a copy, and how a link is refused: the
  // words that tell a copy left in administration mode, or a Dataverse environment already taken.
  const adminCenter: [string, string, string][] = [
    ['pt', 'Depois da cópia o ambiente ficou em modo de administração e só os administradores entram.', 'after the copy o environment ficou in administration mode e only admins entram'],
    ['es', 'Tras la copia el entorno quedó en modo de administración y solo entran los administradores.', 'tras la copy el environment quedo in administration mode y only entran los admin'],
    ['fr', "Après la copie, l'environnement est resté en mode d'administration.", 'after the copy l environment est reste in administration mode'],
    ['it', "Dopo la copia l'ambiente è rimasto in modalità di amministrazione.", 'after the copy l environment e rimasto in administration mode'],
    ['de', 'Nach der Kopie steht die Umgebung im Verwaltungsmodus, nur Admins kommen rein.', 'after the copy steht die environment im administration mode only admins kommen rein'],
    ['nl', 'Na de kopie staat de omgeving in beheermodus.', 'after the copy staat de environment in administration mode'],
    ['pt (a link refused)', 'O ambiente escolhido já está associado a outro ambiente e não foi possível ligar.', 'o environment chosen already esta associated a other environment e not foi possivel link'],
  ];
  // A business event's endpoint, which the translated pages call by its long name only.
  const businessEvents: [string, string, string][] = [
    ['fr', "Le flux part sur l'événement d'entreprise « Facture client validée » et le point de terminaison reste actif.", 'le flow part sur business event invoice client validee et le endpoint reste actif'],
    ['de', 'Der Endpunkt für das Geschäftsereignis ist noch aktiv, obwohl der Flow gelöscht wurde.', 'der endpoint fur das business event ist still active obwohl der flow deleted wurde'],
    ['es', 'El punto de conexión del evento de negocio sigue activo aunque borramos el flujo.', 'el endpoint del business event still activo aunque deleted el flow'],
  ];
  // Chat forms and product names as people type them: Cantonese particles ("冇" no, "唔" not), a Chinese
  // choice's words, Korean transliterations of the product names ("듀얼 라이트", "데이터버스").
  const chatForms: [string, string, string][] = [
    ['zh-Hant (Cantonese)', '我喺 LCS 揀咗連接現有環境，驗證唔過，話我冇權限。', 'lcs selected connection existing environment validation failed no permission'],
    ['zh-Hant (Cantonese, no account)', 'Ivy 冇開過帳戶，佢唔使入 F&O 做嘢。', 'ivy no opened account not fno work'],
    ['zh-Hans (a choice)', '开发在 F&O 的枚举里加了新值，CE 那边的选项集只有三个选项。', 'development fno enum added new value ce option set only option'],
    ['ko (product names)', '듀얼 라이트 맵 상태는 전부 실행 중인데 데이터버스에 아무것도 안 넘어가요.', 'dualwrite map status running dataverse nothing not synced'],
    ['ko (only the admin gets in)', '어제 운영 환경을 교육용으로 복사했는데 시스템 관리자인 저만 들어가집니다.', 'yesterday production environment for training copied system administrator only me can get in'],
  ];
  // Baltic and Finnic tickets: their case endings and the everyday words around a failure.
  const balticFinnic: [string, string, string][] = [
    ['lv', 'Pēc datubāzes atsvaidzināšanas UAT vairs nesūta biznesa notikumus.', 'after the database refresh uat vairs does not send business events'],
    ['lt', 'Naujas užsakymas neatsiranda, sandėlis nemato duomenų.', 'new order neatsiranda warehouse can not see data'],
    ['et', 'Ostutellimused ei jõua Dataverse keskkonda ja keegi ei saa tooteid salvestada.', 'purchase orders not joua dataverse environment a ja nobody saa product save'],
    ['fi', 'Inventory Visibility ei asennu pilvessä hostattuun kehitysympäristöön.', 'inventory visibility not install in the cloud hosted un development environment on'],
    ['fi (after a copy)', 'Kopioinnin jälkeen ympäristö on hallintatilassa.', 'after the copy environment on in administration mode'],
  ];
  for (const [what, cases] of [['everyday words', everyday], ['business nouns', business], ['admin center states', adminCenter], ['business event words', businessEvents], ['chat forms and product names', chatForms], ['Baltic and Finnic words', balticFinnic]] as const) {
    for (const [language, text, expected] of cases) {
      it(`glosses the ${what} of a ${language} helpdesk ticket`, () => {
        assert.equal(tokens(text), expected);
      });
    }
  }

  // The health check and table map as Microsoft's translated pages name them, so a health check
  // error number in a localized ticket meets its entry.
  const healthCheck: [string, string, string][] = [
    ['it', "Il controllo dello stato della mappa tabella restituisce 'Errore 1700'.", 'il health check della table map returns error 1700'],
    ['nl', 'De statuscontrole van de tabeltoewijzing geeft fout 1300.', 'de health check van de table map geeft error 1300'],
    ['pl', 'Kontrola stanu mapy tabeli zwraca błąd 1500.', 'health check table map returns error 1500'],
  ];
  for (const [language, text, expected] of healthCheck) {
    it(`glosses the ${language} names of the table map health check`, () => {
      assert.equal(tokens(text), expected);
    });
  }

  it('glosses the everyday words store, sales and office staff describe a symptom with: orders, quotes, customers on hold, empty fields', () => {
    // Business users never name the integration; what they saw (an empty field in Sales, a blocked customer, a missing
    // quote) only meets the knowledge base once their own words are English.
    assert.equal(tokens('Salesissa kenttä on tyhjä, asiakas on pidossa.'), 'in sales field on empty customer on on hold');
    assert.equal(tokens('Nie da się zapisać zamówienia, klient jest zablokowany.'), 'nie da sie save order customer jest blocked');
    assert.equal(tokens('Tilbuddet mangler i FO, og lagerbeholdningen er tom.'), 'quote missing i fno og on hand inventory is empty');
    assert.equal(tokens('Im ERP fehlt das Angebot, die Verkaufschance auch.'), 'im erp missing das quote die opportunity also');
    assert.equal(tokens('Objednávka se neuloží, zákazník je blokovaný.'), 'order se neulozi customer je blocked');
    assert.equal(tokens('A rendelés nem menthető, a vevő zárolt.'), 'a order nem mentheto a customer blocked');
    assert.equal(tokens('Hola, la integración no pasa: 1,3 millones de clientes.'), 'hola la integration no pasa {num} million de customer');
    // "Lagerbestand" is stock; a bare "Bestand" is not listed, since it sits inside "Bestandskunden" (existing customers).
    assert.equal(tokens('Die Bestandskunden werden nicht übertragen, der Lagerbestand stimmt.'), 'die bestandskunden werden nicht transferred der on hand inventory stimmt');
    // A participle is one word: "geliefert" is delivered, not "ge" and "liefert" (returns).
    assert.equal(tokens('Im ERP komplett geliefert, in Sales steht der Status aktiv.'), 'im erp completely delivered in sales steht der status active');
    assert.equal(tokens('Hei, i Sales er visningen Mine aktive kontoer helt tom.'), 'hei i sales er view my active accounts completely empty');
  });

  it('keeps a plural listed with its singular meaning, so the case forms it does not list are still found by their shared stem', () => {
    // "tilaukset" and "tilauksia" listed as "orders" beside "tilaus" as "order" made their stem stand for neither.
    const finnish = loadGlossaries(GLOSSARY_FILES, fold).find((glossary) => glossary.language === 'fi')!;
    assert.equal(finnish.inflected?.meaningOf(fold('asiakkaista')), 'customer');
    assert.equal(finnish.inflected?.meaningOf(fold('tuotteista')), 'product');
  });

  it('finds unlisted case forms of Latvian, Lithuanian, Estonian and Finnish words by their stem', () => {
    const glossaries = loadGlossaries(GLOSSARY_FILES, fold);
    const forms: [string, string, string][] = [
      ['lv', 'datubāzēm', 'database'],
      ['lv', 'lietotājiem', 'user'],
      ['lt', 'užsakymų', 'order'],
      ['lt', 'sandėlyje', 'warehouse'],
      ['et', 'keskkonnas', 'environment'],
      ['fi', 'ympäristöstä', 'environment'],
      ['fi', 'tilauksista', 'order'],
    ];
    for (const [language, form, meaning] of forms) {
      const glossary = glossaries.find((candidate) => candidate.language === language)!;
      assert.equal(glossary.english.has(fold(form)), false, `${form} is listed`);
      assert.equal(glossary.inflected?.meaningOf(fold(form)), meaning, form);
    }
  });

  it('finds a Simplified Chinese phrase whole although a shorter Traditional word shares its characters', () => {
    // "同步" (sync) is in both glossaries; "不同步" (not syncing) only in the Simplified one.
    assert.equal(tokens('客户数据不同步'), 'customer data not syncing');
  });

  it('refuses two scripts-mates giving one word two meanings, naming the file', () => {
    const chinese = (name: string, language: string, words: Record<string, string>) => ({ name, data: { language, name, script: 'Han', sources: ['https://learn.microsoft.com/zh-cn/x'], words } });
    assert.throws(() => loadGlossaries([chinese('a.json', 'zh-hant', { 同步: 'sync' }), chinese('b.json', 'zh-hans', { 同步: 'copy' })], fold), /glossary\/b\.json: words\["同步"\]: folds to the same text as another word with another meaning/);
  });

  it('keeps the words people pasted as the evidence shown', () => {
    const result = triageText('無法將更改儲存到資料庫。工作單元無法送出交易。無法將資料寫入實體 uom。');
    assert.equal(result.best?.entryId, 'live-sync-reference-data-missing');
    assert.ok(result.best.evidence.some((quote) => /無法將資料寫入實體|工作單元/.test(quote)), JSON.stringify(result.best.evidence));
  });

  // Messages of other pages than the evaluation set's, each in a different language.
  const translated: [string, string, string][] = [
    ['ja', '接続セットの保存に失敗しました。同じキーを持つ項目が既に追加されています。', 'duplicate-company-names'],
    ['de', 'Die Änderungen können nicht in der Datenbank gespeichert werden. Die Arbeitseinheit kann die Transaktion nicht übernehmen. Daten können nicht in Entität uoms geschrieben werden.', 'live-sync-reference-data-missing'],
    ['fr', `[{"error":{"code":"0x80072560","message":"L'utilisateur n'est pas membre de l'organisation."}}], Le serveur distant a retourné une erreur : (403) Interdit.`, 'live-sync-user-not-member'],
    ['pt', '([Solicitação incorreta], O servidor remoto retornou um erro: (400) Solicitação incorreta.), o AX encontrou um erro na exportação.', 'initial-sync-export-service'],
    ['ko', '이중 쓰기 연결 집합을 저장하지 못했습니다. 동일한 키를 가진 항목이 이미 추가되었습니다.', 'duplicate-company-names'],
    ['zh-Hans', '租户中没有足够的数据库容量来创建此环境。', 'insufficient-capacity'],
    ['nl', 'Het opslaan van de verbindingsset is mislukt! Er is al een item met dezelfde sleutel toegevoegd.', 'duplicate-company-names'],
    ['ru', 'Не удалось сохранить набор подключений! Элемент с тем же ключом уже был добавлен.', 'duplicate-company-names'],
    ['sv', 'Felmeddelandet är: "Ingen registreringsdata för affärshändelser hittades för entiteten CustCustomerV3Entity, vilket betyder att mappningen antingen inte körs eller också är all fältmappning enkelriktad."', 'health-map-not-tracking'],
    ['cs', 'Chybová zpráva je „Neplatný formát zdrojového filtru (msdyn_companyid eq null) pro entitu CustCustomerV3Entity.“', 'map-source-filter-invalid'],
    ['pl', '([Złe żądanie], Serwer zdalny zwrócił błąd: (400) złe żądanie.) Podczas eksportu AX napotkał błąd.', 'initial-sync-export-service'],
    ['pt-PT', '([Pedido inválido], O servidor remoto devolveu um erro: (400) Pedido inválido.), a exportação AX encontrou um erro.', 'initial-sync-export-service'],
    ['es', 'La capacidad de base de datos del inquilino es insuficiente para crear el entorno.', 'insufficient-capacity'],
    ['tr', 'Çift yazma canlı eşitleme hatası: kullanıcı kuruluşun bir üyesi değil. Uzak sunucu bir hata döndürdü: (403) Yasak.', 'live-sync-user-not-member'],
    ['da', 'Dobbeltskrivning: Brugeren er ikke medlem af organisationen. Fjernserveren returnerede en fejl: (403) Forbudt.', 'live-sync-user-not-member'],
    ['nb', 'Lagring av tilkoblingssett mislyktes! Et element med samme nøkkel er allerede lagt til.', 'duplicate-company-names'],
    ['fi', 'Alkusynkronointi: AX-vienti kohtasi virheen. Etäpalvelin palautti virheen: (400) Virheellinen pyyntö.', 'initial-sync-export-service'],
    ['hu', 'Kettős írási hiba: a beépülő modul regisztrációja sikertelen, túllépte a leképezéshez maximálisan megengedett partíciók számát.', 'too-many-legal-entities'],
    ['ko (linked)', '이 환경은 이미 연결되어 있습니다. 재무 및 운영 환경을 다른 Dataverse 환경에 연결할 수 없습니다.', 'target-already-linked'],
  ];
  for (const [language, text, expected] of translated) {
    it(`names the documented cause first for a ${language} screen`, () => {
      assert.equal(triageText(text).matches[0]?.entryId, expected, JSON.stringify(triageText(text).matches));
    });
  }

  it('still ranks the cause of a screen in a language no glossary covers, from its codes and its shape', () => {
    const first = (text: string) => triageText(text).matches[0]?.entryId;
    // Slovenian: the export's HTTP status next to "AX", as the English message puts them.
    assert.equal(first('([Prepovedano], Oddaljeni strežnik je vrnil napako: (403) Prepovedano.), izvoz AX je naletel na napako.'), 'initial-sync-dtappid');
    assert.equal(first('([Neveljavna zahteva], Oddaljeni strežnik je vrnil napako: (400) Neveljavna zahteva.), izvoz AX je naletel na napako.'), 'initial-sync-export-service');
    // The URL initial sync offers for checking a lookup reads the same in every language.
    assert.equal(
      first("Iskanja ni bilo mogoče najti: C-0042. Preverite: https://contoso.crm4.dynamics.com/api/data/v9.0/accounts?$select=accountnumber&$filter=accountnumber eq 'C-0042'"),
      'initial-sync-lookup-unresolved',
    );
  });

  it('asks for the English message when an unconfident text is in a Latin-alphabet language no glossary covers', () => {
    // Albanian: no glossary; the codes alone decide nothing here.
    assert.equal(triageText('Shkrimi i dyfishtë dështoi: lidhja me mjedisin nuk është e mundur, provoni përsëri më vonë.').ask, ENGLISH_TEXT_ASK);
    assert.equal(triageText('Sinkronizimi fillestar dështoi për entitetin klientët; provoni përsëri më vonë.').ask, ENGLISH_TEXT_ASK);
    // Croatian has a glossary now: its text is read, not asked again in English.
    assert.notEqual(triageText('Dvostruko pisanje nije uspjelo: veza s okruženjem nije moguća, pokušajte ponovno kasnije.').ask, ENGLISH_TEXT_ASK);
    // Slovak (its "to" is an English word too) has a glossary of its own.
    assert.equal(tokens('Počiatočná synchronizácia zlyhala pre entitu zákazníci; skúste to znova neskôr.'), 'initial sync failed pre entity customer skuste to again later');
    // English, a JSON body or a stack trace, and a language a glossary covers, are not asked again in English.
    assert.notEqual(triageText('Something about the sync went wrong, not sure what happened').ask, ENGLISH_TEXT_ASK);
    assert.notEqual(triageText('{"error":{"code":"BadThing","message":"Invalid dataset request payload value"}}').ask, ENGLISH_TEXT_ASK);
    assert.notEqual(triageText('Die Synchronisierung ist für diese Umgebung leider nicht möglich gewesen, bitte später erneut versuchen.').ask, ENGLISH_TEXT_ASK);
  });

  it('gives no answer to unrelated screens in other languages', () => {
    for (const text of [
      '您没有权限访问此网站。请与网站所有者联系。', 'No se puede enviar el mensaje porque el buzón del destinatario está lleno.', 'Le fichier est verrouillé par un autre utilisateur.',
      'Не удалось выполнить конвейер: задание завершилось с ошибкой. Агент не найден в пуле агентов.',
      'リモート サーバーがエラーを返しました: (404) 見つかりません。SharePoint リストが存在しません。',
      'Błąd: nie można zsynchronizować kalendarza Exchange, serwer zdalny zwrócił błąd 503.',
      '无法将更改保存到数据库。SQL Server 连接超时。',
    ]) {
      const result = triageText(text);
      assert.equal(result.best, null, `${text}: ${JSON.stringify(result.best)}`);
    }
  });

  it('reads Spanish "no tiene nada de F y O" as denying F&O, now that "nada" reads as "nothing"', () => {
    const text =
      'hola, los clientes no pueden entrar al portal de reclamaciones de Power Pages, al iniciar sesión les dice que el enlace ha caducado; el portal lee de Dataverse y no tiene nada de F y O';
    assert.equal(triageText(text).best, null);
  });

  it('does not move dual-write texts out of their area', () => {
    const result = triageText('이중 쓰기 초기 동기화 실패');
    assert.equal(areaOf(result.matches[0]?.entryId ?? '')?.file, 'dual-write-initial-sync.json');
  });

  it('reads Vietnamese "nhưng" as "but": "nhúng" (embedded) folds to the same letters and is listed only in its phrases', () => {
    assert.equal(tokens('Trong app vẫn thấy bình thường, nhưng trên F&O không có mã này.').includes('embedded'), false);
    assert.match(tokens('Ứng dụng được nhúng vào trang F&O không mở.'), /\bembedded\b/);
  });

  it("reads F&O's workflow and Inventory Visibility by the names its translated screens give them", () => {
    assert.match(tokens('El flujo de trabajo de facturas de proveedor no envía nada a Teams.'), /\bworkflow\b/);
    assert.match(tokens('Il flusso di lavoro delle richieste di acquisto è attivo.'), /\bworkflow\b/);
    assert.match(tokens('Przepływ pracy dla faktur nie wysyła zatwierdzeń.'), /\bworkflow\b/);
    assert.match(tokens('Hej! Arbetsflödet för inköpsrekvisitioner har inte skickat något till Teams sedan i måndags.'), /\bworkflow\b/);
    // A flow of Power Automate stays a flow.
    assert.doesNotMatch(tokens('El flujo de Power Automate no se ejecuta.'), /\bworkflow\b/);
    assert.match(tokens('Webbshoppen visar fel saldo, och konsulten säger att den hämtar allt från lagersynligheten och inte från F&O.'), /\binventory visibility\b/);
    assert.match(tokens('La visibilidad de inventario muestra cero.'), /\binventory visibility\b/);
    assert.match(tokens('库存可见性 的数量不对'), /\binventory visibility\b/);
  });

  it('reads that a role was given minutes ago in the languages tickets say it, so a refusal right after is the role cache', () => {
    const tickets = [
      'Hola, LCS dice que no soy administrador del sistema en el entorno de Dataverse. Jorge me lo dio hace diez minutos y sigue diciendo lo mismo.',
      'Oi, acabei de me dar o papel de System Administrator no Dataverse, 5 minutos atrás, e o LCS ainda diz que não sou administrador.',
      'LCS:n PPI setup sanoo yhä että käyttäjällä ei ole System Administrator -roolia. Annoin roolin Dataverse-ympäristöön kymmenen minuuttia sitten.',
      'LCS の Power Platform 統合で既存の Dataverse 環境に接続できません。システム管理者ロールを付与して（15 分前）、もう一度実行しましたが同じエラーです。',
    ];
    for (const ticket of tickets) assert.equal(triageText(ticket).matches[0]?.entryId, 'role-cache-delay', ticket);
  });
});
