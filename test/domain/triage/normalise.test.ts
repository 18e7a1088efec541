import assert from 'node:assert/strict';
import { evidenceFragment, EVIDENCE_MAX_CHARS } from '../../../src/domain/triage/evidence';
import { hostPlaceholder, normalise, toPlain } from '../../../src/domain/triage/normalise';

const plain = (text: string) => toPlain(text).text;
const masked = (text: string) => normalise(text).masked.text;
const tokens = (text: string) => normalise(text).tokens.map((token) => token.text).join(' ');

describe('triage: normalisation', () => {
  describe('plain text', () => {
    it('folds case and every kind of white space into single spaces', () => {
      assert.equal(plain('Dataverse\u00a0Instance\tIS\r\n\n  NOT\u202fintegrated\u2003here'), 'dataverse instance is not integrated here');
    });

    it('unifies quote styles', () => {
      assert.equal(plain('“linked” ‘via’ `dual-write` «x» it’s'), '"linked" \'via\' \'dual-write\' "x" it\'s');
    });

    it('decodes JSON escapes, also when escaped twice', () => {
      assert.equal(plain('{\\"code\\":\\"X\\",\\"message\\":\\"isn\\u0027t\\nready\\"}'), '{"code":"x","message":"isn\'t ready"}');
      assert.equal(plain('\\\\\\"quoted\\\\\\"'), '"quoted"');
    });

    it('decodes HTML entities, named and numeric, also when encoded twice', () => {
      assert.equal(plain('isn&#39;t &quot;ready&quot; F&amp;O &#x27;x&#x27; &amp;lt;b&amp;gt;'), 'isn\'t "ready" f&o \'x\' <b>');
    });

    it('folds accents the same after a text of more different characters than it remembers', () => {
      const manyCharacters = Array.from({ length: 30_000 }, (_, index) => String.fromCodePoint(0x4e00 + (index % 20_000))).join('');
      assert.equal(toPlain(`${manyCharacters} Sincronización`).text.slice(-15), ' sincronizacion');
      assert.equal(toPlain('Región, Ambiente').text, 'region, ambiente');
    });

    it('drops invisible characters and accents, and joins a word hyphenated over a line break', () => {
      assert.equal(plain('Data\u200bverse Tomás capa-\ncity'), 'dataverse tomas capacity');
    });

    it('folds letters that have no accent to drop: Azerbaijani\'s schwa is an "e", so "cədvəl" stays one word', () => {
      assert.equal(plain('Ə cədvəl'), 'e cedvel');
      // Unfolded, the word came apart and one piece, "dv", read as Dataverse.
      assert.ok(!normalise('Bu cədvəl boşdur').tokens.some((token) => token.text === 'dataverse'));
    });

    it('keeps error codes and identifiers readable for exact matching', () => {
      assert.equal(plain('Code: InsufficientCapacity_StorageDriven (0x80048D0B) prvCreatemsprov_fnopackage'), 'code: insufficientcapacity_storagedriven (0x80048d0b) prvcreatemsprov_fnopackage');
    });
  });

  describe('masked text', () => {
    it('replaces generic GUIDs but keeps the well-known app ids', () => {
      assert.equal(
        masked('user 3f2504e0-4f89-41d3-9a0c-0305e82c3301 app 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452'),
        'user {guid} app 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452',
      );
    });

    it('replaces URLs by the kind of service they point at and keeps their path', () => {
      assert.equal(masked('https://contoso-prod.operations.dynamics.com/data'), '{url-fno} /data');
      assert.equal(masked('see fabrikam-uat.sandbox.operations.dynamics.com.'), 'see {url-fno}.');
      assert.equal(masked('***.cloudax.dynamics.com'), '{url-fno-cloudhosted}');
      assert.equal(masked('https://org1a2b.crm4.dynamics.com/api/data/v9.2/Retrieve'), '{url-dataverse} /api/data/v9.2/retrieve');
      assert.equal(masked('https://lcsapi.eu.lcs.dynamics.com/databasemovement/v1/refresh'), '{url-lcs} /databasemovement/v1/refresh');
      assert.equal(masked('https://securityservice.operations365.dynamics.com/'), '{url-securityservice} /');
      assert.equal(masked('https://example.org/favicon.ico'), '{url} /favicon.ico');
    });

    it('classifies hosts', () => {
      assert.equal(hostPlaceholder('api.bap.microsoft.com'), '{url-bap}');
      assert.equal(hostPlaceholder('api.powerplatform.com'), '{url-ppapi}');
      assert.equal(hostPlaceholder('admin.powerplatform.microsoft.com'), '{url-ppac}');
      assert.equal(hostPlaceholder('login.microsoftonline.com'), '{url-login}');
      assert.equal(hostPlaceholder('contoso.crm.dynamics.com'), '{url-dataverse}');
      assert.equal(hostPlaceholder('inventoryservice.weu-il301.gateway.prod.island.powerapps.com'), '{url-inventory}');
    });

    it('marks a database size past what one bacpac export takes, keeping the figure', () => {
      const words = (text: string) => normalise(text).tokens.map((token) => token.text).join(' ');
      assert.equal(words('The UAT database is 310 GB'), 'the uat database is 310 gb {large-size}');
      assert.equal(words('about 1,2 TB with the attachments'), 'about 1 2 tb {large-size} with the attachments');
      assert.equal(words('a 45 GB bacpac, 1 GB of capacity'), 'a 45 gb bacpac 1 gb of capacity');
    });

    it('marks a figure the text also gives with more decimals, rounded or cut, in either locale', () => {
      const words = (text: string) => normalise(text).tokens.map((token) => token.text).join(' ');
      assert.equal(words('F&O: 0,124575 EUR, Sales: 0,1246'), 'fno 0 {num} eur sales 0 1246 {rounded-decimal}');
      assert.equal(words('unit price 12.34567 in F&O but 12.3456 in CE'), 'unit price 12 {num} in fno but 12 3456 {rounded-decimal} in ce');
      assert.equal(words('1,99999 became 2,0000'), '1 {num} became 2 0000 {rounded-decimal}');
      assert.equal(words('12.34567 and 12.35'), '12 {num} and 12 35 {rounded-decimal}');
      // Not the same figure, too few decimals to be precise, or a figure with as many places as the precise one.
      assert.equal(words('0,124575 and 0,1247'), '0 {num} and 0 1247');
      assert.equal(words('a unit price of 0.001835 turns into 0.00 on saving'), 'a unit price of 0 {num} turns into 0 00 on saving');
      assert.equal(words('costs 12,3456 and 12,346'), 'costs 12 3456 and {num}');
      assert.equal(words('0,12457 and 1,12457'), '0 {num} and 1 {num}');
      // Longer runs of digits are ids or hashes, not amounts.
      assert.equal(words('hash 0.1234567890123 and 0.12'), 'hash 0 {num} and 0 12');
      // A release number is no figure with decimals.
      assert.equal(words('version 10.0.12345 and 10.0'), 'version {version} and 10 0');
    });

    it('marks an environment name longer than a Dataverse host name may be, as it does a long host', () => {
      const words = (text: string) => normalise(text).tokens.map((token) => token.text).join(' ');
      assert.equal(words("the provisioning app fails on environment 'desarrollo-distribuciones-levante-01'"), 'the provisioning app fails on environment {name} {long-host}');
      assert.equal(words("it worked on environment 'dev-lev02'"), 'it worked on environment {name}');
      // A product word between the keyword and the name, or no keyword at all but a stage word or number in the name.
      assert.equal(words('install on env Dataverse "hanaya-vn-dev-nguyenvanan" failed'), 'install on environment dataverse {name} {long-host} failed');
      assert.equal(words('PPAC > tsubameseiki-jp-devbox01 > Dynamics 365 apps'), 'ppac {name} {long-host} dynamics 365 apps');
      assert.equal(words('header x-ms-correlation-request-id and file my-long-file-name-2024.txt'), 'header x ms correlation request id and file my long file name 2024 txt');
    });

    it('reads chat contractions and shorthand as their long forms', () => {
      assert.equal(normalise("I'm sysadmin, it's fine, we're stuck, I’ve checked").tokens.map((token) => token.text).join(' '), 'i am sysadmin it is fine we are stuck i have checked');
      assert.equal(normalise('CHE deployed w/ PPI, w/o errors').tokens.map((token) => token.text).join(' '), 'che deployed with ppi without errors');
    });

    it('replaces timestamps in the common formats', () => {
      assert.equal(
        masked('2025-06-02T09:00:00.123Z | 2025-06-02 09:00:00,123 +02:00 | 6/2/2025 9:14:11 AM | Mon, 02 Jun 2025 09:00:00 GMT | 14:22:07.118'),
        '{time} | {time} | {time} | {time} {time} | {time}',
      );
    });

    it('reads release numbers as versions, not as dates', () => {
      assert.equal(masked('UAT runs 10.0.42 (7.0.7120.59), PROD 10.0.41; solution 2.2.2.60'), 'uat runs {version} ({version}), prod {version}; solution {version}');
      // A dotted date stays a date.
      assert.equal(masked('refreshed on 02.06.2025'), 'refreshed on {time}');
    });

    it('reads the Power Automate connector\'s name for F&O ("Fin & Ops Apps") as F&O', () => {
      assert.equal(masked('the Fin & Ops Apps (Dynamics 365) connector, fin and ops, Fin&Ops'), 'the fno (dynamics 365) connector, fno, fno');
    });

    it('reads Azure regions and Power Platform geographies as one placeholder, never "us" or "uk" alone', () => {
      assert.equal(masked('F&O is in West US 2, Dataverse in United States'), 'fno is in {region}, dataverse in {region}');
      assert.equal(masked('North Europe vs UK South vs Southeast Asia'), '{region} vs {region} vs {region}');
      assert.equal(masked('let us know, the UK team'), 'let us know, the uk team');
      assert.equal(masked('source is in the US, target in UK, both of us in the UK team'), 'source is in the {region}, target in {region}, both of us in the {region} team');
      // An amount in US dollars names a currency, not where an environment lives.
      assert.equal(masked('prices in US$ and in US $, the tenant in the US'), 'prices in us$ and in us $, the tenant in the {region}');
    });

    it('reads a count written with thousands separators as a count', () => {
      assert.equal(masked('1,400 invoices in one transaction, 12,000 rows'), '{num} invoices in one transaction, {num} rows');
    });

    it('reads row counts in millions as a magnitude, and leaves "20m" (minutes as often) alone', () => {
      assert.equal(masked('about 1.8M released products, 2,5 Mio rows, 3 million records, done in 20m'), 'about {num} million released products, {num} million rows, {num} million records, done in 20m');
    });

    it('reads thousands written with a k as a magnitude, hundreds of thousands apart from fewer', () => {
      assert.equal(masked('900k items, 250K rows, 20k vendors, a 10kb file'), 'hundreds of thousands items, hundreds of thousands rows, thousands vendors, a 10 kb file');
    });

    it('reads the chat abbreviations DW, DV and FO as the products', () => {
      assert.equal(masked('DW maps stopped, DV env is fine, sync CE→FO'), 'dualwrite maps stopped, dataverse environment is fine, sync ce→fno');
    });

    it('reads product names and codes as a phone transcript writes them', () => {
      assert.equal(masked('caller says F and O and data verse, the dual right map, L C S and the P P A C'), 'caller says fno and dataverse, the dualwrite map, lcs and the ppac');
      assert.equal(masked('error four oh one, then D W nine oh oh three in dynamic three sixty five'), 'error 401, then dw9003 in d365');
      assert.equal(masked('the virtual entry for vendors'), 'the virtual entity for vendors');
      // Fewer than three digit words stay words, and spelled letters join only a spoken code.
      assert.equal(masked('one or two users, two three times, il y a 500 lignes'), 'one or two users, two three times, il y a 500 lignes');
    });

    it('keeps an empty quoted value, as in a filter, as a word', () => {
      assert.equal(masked('filter (ParentProject == "") or Name = \'\''), 'filter (parentproject == {empty} ) or name = {empty} ');
    });

    it('marks a Dataverse host name longer than the provisioning app allows', () => {
      assert.equal(masked('install fails on contosofinancedevelopment01.crm4.dynamics.com, fine on https://cfdev1.crm4.dynamics.com'), 'install fails on {url-dataverse} {long-host}, fine on {url-dataverse} ');
      // A comma right after a URL is the sentence's, not the host's.
      assert.equal(masked('fails on https://contosoerpdevelopment2024.crm.dynamics.com, works elsewhere'), 'fails on {url-dataverse} {long-host} works elsewhere');
    });

    it('reads contractions typed without an apostrophe, and "env" as environment', () => {
      assert.equal(masked('cant find it, doesnt work, wont start, isnt shown; two envs, one env'), 'can not find it, does not work, will not start, is not shown; two environments, one environment');
    });

    it('masks a quoted environment name, not a quoted message after "env:"', () => {
      assert.equal(masked("env 'Contoso Production' failed"), 'environment {name} failed');
      assert.equal(masked("error on our env: 'Provisioning App isn't supported on SchemaType: Standard'"), "error on our environment: 'provisioning app is not supported on schematype: standard'");
      // A keyword inside a longer identifier is no keyword: Terraform's environment_type names no environment.
      assert.equal(masked('environment_type = "Production"'), 'environment_type = "production"');
    });

    it("reads every way of saying two things don't match as one wording", () => {
      assert.equal(masked("they don't match / do not match / did not match / not matching"), 'they does not match / does not match / does not match / does not match');
    });

    it("reads a tenant's initial domain as one placeholder", () => {
      assert.equal(masked('Dataverse in contoso-sales.onmicrosoft.com, F&O in contoso-erp.onmicrosoft.com'), 'dataverse in {tenant}, fno in {tenant}');
    });

    it('replaces correlation and trace ids', () => {
      assert.equal(masked('traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), 'traceparent: 00-{id}-{id}-01');
      assert.equal(masked('token eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9x'), 'token {id}');
      // Privileges and publisher-prefixed table names are names, not ids: they say what is missing.
      assert.equal(masked('missing prvReadmserp_custcustomerv3entity privilege'), 'missing prvreadmserp_custcustomerv3entity privilege');
      assert.equal(masked('entity msdyn_customergroupv2entity3 not found'), 'entity msdyn_customergroupv2entity3 not found');
    });

    it('replaces environment and company names so they do not matter', () => {
      assert.equal(masked("environment 'contoso-prod' and environment fabrikam-uat-02"), 'environment {name} and environment {name}');
      assert.equal(masked('company: "USMF"'), 'company: {name}');
      assert.equal(masked("environment 'contoso-prod' failed"), masked("environment 'fabrikam-uat' failed"));
    });

    it('normalises numbers: separators, units, and long numbers', () => {
      assert.equal(masked('1,024 MB and 1GB, project 2417390, HTTP 404'), '1024 mb and 1 gb, project {num}, http 404');
    });

    it('reads the letters text recognition misread as the word they spell, and leaves ids and real words alone', () => {
      assert.equal(tokens('Dynamics 365 Finance and Operations P1atform Tools'), 'fno platform tools');
      assert.equal(tokens('the required Dynarnics 365 1icenses'), 'the required dynamics 365 licenses');
      assert.equal(tokens('Setup fai1ed, already 1inked'), 'setup failed already linked');
      // A capital I read as l, and an l read as a capital I.
      assert.equal(tokens('lnstalling the app faiIed: lnvalid cIient, PIatform error'), 'installing the app failed invalid client platform error');
      // Only a capital I among small letters: "URIs", Dutch "iets" and the city of Cali stay as written.
      assert.equal(tokens('redirect URIs, iets in Cali, Iets, lloyd'), 'redirect uris iets in cali iets lloyd');
      // A hex id, a version and an English word with "rn" stay as written.
      assert.equal(tokens('id 0b1c f0df v1beta modern kernel'), 'id 0b1c f0df v1beta modern kernel');
    });

    it('ends a host where a chat client glued the next line\'s first word to it', () => {
      assert.equal(tokens('rule: https://schreiner-fo-entwicklung-team-b.crm4.dynamics.comLast week'), 'rule {url-dataverse} {long-host} last week');
      // Capitals the writer put in a host name stay part of it.
      assert.equal(tokens('https://Contoso.Crm4.Dynamics.com works'), '{url-dataverse} works');
    });

    it('joins a name spelled letter by letter on a call, and reads F&O as Spanish, Portuguese and Italian say it', () => {
      assert.equal(tokens('there is no m s e r p table in u a t'), 'there is no mserp table in uat');
      assert.equal(tokens('los usuarios de F y O y u a t'), 'los usuarios de fno y uat');
      assert.equal(tokens('il cliente in F e O non arriva'), 'il customer in fno does not arrive');
      // Two letters stay apart, and so does French "il y a".
      assert.equal(tokens('tenant i d, F et O il y a un message'), 'tenant i d f et o il y a un message');
      // A spoken French "(il) y a" after a letter is no spelled name either.
      assert.equal(tokens('dans F et O y a un message'), 'dans f et o y a un message');
    });

    it('folds synonyms and contractions', () => {
      assert.equal(
        masked("Dual-write to Finance & Operations isn't set up; Power Platform admin center, Lifecycle Services, Power Platform Integration, Azure AD, can't"),
        'dualwrite to fno is not setup; ppac, lcs, ppi, entra, can not',
      );
    });
  });

  describe('tokens and evidence', () => {
    it('maps every token back to the original words', () => {
      const original = 'Finance &amp; Operations: “Environment ‘contoso-prod’ isn’t ready”';
      const { tokens } = normalise(original);
      assert.deepEqual(
        tokens.map((token) => token.text),
        ['fno', 'environment', '{name}', 'is', 'not', 'ready'],
      );
      assert.equal(original.slice(tokens[0].start, tokens[0].end), 'Finance &amp; Operations');
      assert.equal(original.slice(tokens[1].start, tokens[1].end), 'Environment');
      assert.equal(original.slice(tokens[2].start, tokens[2].end), '‘contoso-prod’');
      assert.equal(original.slice(tokens[5].start, tokens[5].end), 'ready');
    });

    it('quotes at most about 120 characters around the match, on its line, without cutting words', () => {
      const line = `${'lorem ipsum '.repeat(20)}THE ERROR IS HERE${' dolor sit amet'.repeat(20)}`;
      const original = `first line\n${line}\nlast line`;
      const start = original.indexOf('THE ERROR');
      const fragment = evidenceFragment(original, start, start + 'THE ERROR IS HERE'.length);
      assert.ok(fragment.text.length <= EVIDENCE_MAX_CHARS + 2, fragment.text);
      assert.match(fragment.text, /^….+THE ERROR IS HERE.+…$/);
      const words = new Set(fragment.text.replace(/…/g, '').split(' '));
      assert.deepEqual([...words].filter((word) => !/^(lorem|ipsum|THE|ERROR|IS|HERE|dolor|sit|amet)$/.test(word)), []);
    });

    it('quotes a short line whole and collapses its white space', () => {
      const original = 'a\n  Setup   failed\tbadly  \nb';
      const start = original.indexOf('failed');
      assert.equal(evidenceFragment(original, start, start + 6).text, 'Setup failed badly');
    });

    it('grows no further than its limits and starts at a word there, marking what it left out', () => {
      const original = 'Roles are fine, licence assigned. Setup fails with a geography error.';
      const start = original.indexOf('geography');
      const from = original.indexOf('assigned') + 'assigned'.length;
      assert.equal(evidenceFragment(original, start, start + 9, { from, to: original.length }).text, '…Setup fails with a geography error.');
      assert.equal(evidenceFragment(original, start, start + 9).text, original);
    });
  });
});
