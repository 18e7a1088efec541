import assert from 'node:assert/strict';
import { alignPages, pairsOf, plainEnglish, sectionsOf, slugOf } from '../../scripts/learnAlignment';

// The alignment that grows the triage glossaries from translated Learn pages (npm run glossary:align).

describe('glossary alignment of translated Learn pages', () => {
  it('names English sections by the anchor Learn derives from the heading, translated ones by their kept anchor', () => {
    assert.equal(slugOf("You can't complete initial synchronization: 400 Bad Request"), 'you-cant-complete-initial-synchronization-400-bad-request');
    const translated = sectionsOf('## <a name="error-1500"></a>Ошибка 1500\nСообщение об ошибке "Должно быть хотя бы одно поле для отслеживания".', false);
    assert.deepEqual(translated.get('error-1500'), {
      heading: 'Ошибка 1500',
      messages: ['Должно быть хотя бы одно поле для отслеживания'],
      paragraphs: ['Сообщение об ошибке "Должно быть хотя бы одно поле для отслеживания".'],
    });
  });

  it('reads prose as plain text: list items and notes without their marks, links as their words, no front matter, title, include or table', () => {
    const page = [
      '---',
      'title: Refresh database',
      '---',
      '# Refresh database',
      '[!include [banner](../includes/banner.md)]',
      'You can use [Lifecycle Services](lcs.md) to **refresh** a `sandbox`.',
      '> [!IMPORTANT]',
      '> Copying production data during peak hours could have an impact.',
      '>',
      '1. Select **Maintain** \\> **Move database**.',
      '* Email addresses in the LogisticsElectronicAddress table.',
      '| Column | Value |',
      '<br>',
    ].join('\n');
    assert.deepEqual(sectionsOf(page, true).get('_top')?.paragraphs, [
      'You can use Lifecycle Services to refresh a sandbox.',
      'Copying production data during peak hours could have an impact.',
      'Select Maintain > Move database.',
      'Email addresses in the LogisticsElectronicAddress table.',
    ]);
  });

  it('pairs the sentences of paragraphs where a section has as many on both pages and they name the same codes', () => {
    const english = [
      '## Refresh operation failed',
      'If there is a failure, a rollback is available. Download the runbook logs first.',
      '## Conditions',
      'The refresh is denied for environments that run platform update 20 or earlier.',
      'Environments must run version 10.0.35.',
      '## Limits',
      'You can refresh once a day.',
    ].join('\n');
    const translated = [
      '## <a name="refresh-operation-failed"></a>更新操作が失敗しました',
      '失敗した場合、ロールバックを実行できます。 最初に Runbook ログをダウンロードします。',
      '## <a name="conditions"></a>条件',
      'プラットフォーム 更新プログラム 20 以前が稼働している環境では、更新処理は拒否されます。',
      // A newer English page changed the version: the pair would teach the wrong sentence.
      '環境はバージョン 10.0.31 を実行する必要があります。',
      '## <a name="limits"></a>制限',
      '1 日に 1 回更新できます。',
      '追加された段落です。',
    ].join('\n');
    assert.deepEqual(alignPages(english, translated), [
      ['更新操作が失敗しました', 'refresh operation failed'],
      ['失敗した場合、ロールバックを実行できます', 'if there is a failure a rollback is available'],
      ['最初に Runbook ログをダウンロードします', 'download the runbook logs first'],
      ['条件', 'conditions'],
      ['プラットフォーム 更新プログラム 20 以前が稼働している環境では、更新処理は拒否されます', 'the refresh is denied for environments that run platform update 20 or earlier'],
      ['制限', 'limits'],
    ]);
  });

  it('reads messages in italics, in quotes and in a table of numbered errors, never in code blocks', () => {
    const english = sectionsOf(
      ['## Error when saving', '*Saving connection set failed! An item with the same key has already been added.*', '```', '*not a message*', '```', '| 100 | Minimum required platform version is PU 43. | detail |'].join('\n'),
      true,
    );
    assert.deepEqual(english.get('error-when-saving')?.messages, ['Saving connection set failed! An item with the same key has already been added.']);
    assert.deepEqual(english.get('error-100')?.messages, ['Minimum required platform version is PU 43.']);
    // Bold inside a quoted message is emphasis: the message reads without it.
    assert.deepEqual(sectionsOf('## X\n*{"errorMessage":"**Unable to generate payload for entity**"}*', true).get('x')?.messages, ['{"errorMessage":"Unable to generate payload for entity"}']);
  });

  it('cuts a message at the codes both sides share and at sentence ends', () => {
    assert.deepEqual(
      pairsOf(
        'Cannot save the changes to the database. Unable to write data to entity uoms. Writes to UnitOfMeasureEntity failed.',
        'Не удается сохранить изменения в базе данных. Невозможно записать данные в единицы измерения объекта. Операции записи в UnitOfMeasureEntity не выполнены.',
      ),
      [
        ['Не удается сохранить изменения в базе данных', 'cannot save the changes to the database'],
        ['Невозможно записать данные в единицы измерения объекта', 'unable to write data to entity uoms'],
        ['Операции записи в', 'writes to'],
        ['не выполнены', 'failed'],
      ],
    );
  });

  it('keeps a message whole where the words moved around the codes or a name was translated', () => {
    // Korean puts the verb last: cutting at the codes would pair "name is" with "the entity with a name".
    const korean = pairsOf(
      "The entity with a name 'msdyn_dualwriteentitymap' was not found in the MetadataCache.",
      "이름이 'msdyn_dualwriteentitymap'인 엔터티를 MetadataCache에서 찾을 수 없습니다.",
    );
    assert.equal(korean.length, 1);
    assert.equal(korean[0][1], 'the entity with a name msdyn dualwriteentitymap was not found in the metadatacache');
    assert.equal(pairsOf('Unable to write data to entity uoms.', 'Nelze zapisovat data do entity jednotek.').length, 1);
    // A name both sides keep in English that sits on the other side of the code: the words moved.
    assert.deepEqual(pairsOf('Remove duplicate records from the cdm_company table in Dataverse.', '请从 Dataverse 的 cdm_company 表中删除重复记录。'), [
      ['请从 Dataverse 的 cdm_company 表中删除重复记录', 'remove duplicate records from the cdm company table in dataverse'],
    ]);
    // A piece ending in an article lost its noun to the code: the other piece ("table in Dataverse") doesn't pair either.
    assert.deepEqual(pairsOf('Remove duplicate records from the cdm_company table in Dataverse.', 'Odeberte duplicitní záznamy z tabulky cdm_company v Dataverse.'), [
      ['Odeberte duplicitní záznamy z tabulky cdm_company v Dataverse', 'remove duplicate records from the cdm company table in dataverse'],
    ]);
    // The number of a product name is no code to cut at.
    assert.deepEqual(pairsOf('On the Dynamics 365 menu, select Synchronize database.', 'Wählen Sie im Dynamics 365-Menü Datenbank synchronisieren.'), [
      ['Wählen Sie im Dynamics 365-Menü Datenbank synchronisieren', 'on the dynamics 365 menu select synchronize database'],
    ]);
    // "the" before a code belongs to the name; the translation's word for "table" moved before the code:
    // "add the field of the" would pair with "pole tabulky" (field of the table), so nothing pairs.
    assert.deepEqual(pairsOf('Add the field of the SalesTable table.', 'Pridejte pole tabulky SalesTable.'), []);
    // English names the code with the noun after it, the translation with its word before it: the
    // piece after the code pairs without that noun ("po obnovení databáze" is not "table after…").
    assert.deepEqual(pairsOf('Delete all the records in msdyn_dualwriteruntimeconfig table after you restore the database.', 'Odstraňte všechny záznamy v msdyn_dualwriteruntimeconfig po obnovení databáze.'), [
      ['Odstraňte všechny záznamy v', 'delete all the records in'],
      ['po obnovení databáze', 'after you restore the database'],
    ]);
    // An English question starts with its verb: cut at the code, "do tier" would pair with "ティア" (tier).
    assert.deepEqual(pairsOf('Do tier 1 environments work?', 'ティア 1 の環境は機能しますか?'), [['ティア 1 の環境は機能しますか', 'do tier 1 environments work']]);
    // A placeholder that moved to the front leaves the words to pair without it.
    assert.deepEqual(pairsOf('Enable tracking on the data source {datasource.DataSourceName}.', 'Az {datasource.DataSourceName} adatforrás nyomon követéséhez.'), [
      ['adatforrás nyomon követéséhez', 'enable tracking on the data source'],
    ]);
  });

  it('pairs only sections that quote as many messages on both pages', () => {
    const english = '## Error one\n*First message here, long enough.*\n## Error two\n*Second message here, long enough.*';
    const translated = '## <a name="error-one"></a>Fehler eins\n*Erste Meldung hier, lang genug.*\n## <a name="error-two"></a>Fehler zwei\n*Zweite Meldung, lang genug.*\n*Noch eine zusätzliche Meldung.*';
    assert.deepEqual(alignPages(english, translated), [
      ['Fehler eins', 'error one'],
      ['Erste Meldung hier, lang genug', 'first message here long enough'],
      ['Fehler zwei', 'error two'],
    ]);
  });

  it('writes English as the glossaries hold it', () => {
    assert.equal(plainEnglish("Response status code doesn't indicate success: 404 (Not Found)."), "response status code doesn't indicate success 404 not found");
  });
});
