import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { cardExamples } from '../../scripts/cardExamples';
import { cardCatalog } from '../../src/cards/catalog';
import { CardRenderError, renderCard } from '../../src/cards/cardRenderer';
import { noticeCard } from '../../src/cards/noticeCard';
import { fromRoot } from '../../src/projectRoot';
import { parseWithOfficialRenderer } from './officialRenderer';

describe('cards', () => {
  it('has a catalog entry for every template in cards/', () => {
    const templates = readdirSync(fromRoot('cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    assert.deepEqual([...new Set(cardCatalog.map((c) => c.template))].sort(), templates.sort());
  });

  for (const definition of cardCatalog) {
    describe(definition.template, () => {
      cardExamples(definition.template).forEach((example, index) => {
        it(`example ${index + 1} expands fully and parses cleanly at schema 1.5`, () => {
          const card = renderCard(definition, example);
          const json = JSON.stringify(card.content);
          assert.ok(!json.includes('${'), `unexpanded template text in ${json}`);
          assert.equal(card.content.version, '1.5');
          assert.ok(typeof card.content.fallbackText === 'string' && card.content.fallbackText.length > 0, 'fallbackText');
          // Teams-only elements (CodeBlock) are fine when they carry a fallback the renderer will use.
          const problems = parseWithOfficialRenderer(card.content).filter((p) => !/^Unknown element type "CodeBlock"\. Fallback will be used if present\.$/.test(p));
          assert.deepEqual(problems, []);
        });
      });
    });
  }

  it('refuses a view model that misses a field, naming it', () => {
    assert.throws(() => renderCard(noticeCard, { style: 'good' }), (e: unknown) => e instanceof CardRenderError && /title/.test(e.message));
  });

  it('keeps user text that looks like a template verbatim', () => {
    const card = renderCard(noticeCard, { title: 'Pasted', paragraphs: ['cost ${price} and ${x.y}'] });
    assert.ok(JSON.stringify(card.content).includes('cost ${price} and ${x.y}'));
  });

  it('renders the same view model to the same card again, each caller getting a copy of its own', () => {
    const model = { title: 'Backup finished', paragraphs: ['It took 10 minutes.'] };
    const first = renderCard(noticeCard, model);
    (first.content.body as unknown[]).push({ type: 'TextBlock', text: 'added by one caller' });
    const second = renderCard(noticeCard, model);
    assert.ok(!JSON.stringify(second.content).includes('added by one caller'));
    assert.deepEqual(second.content, renderCard(noticeCard, { ...model }).content);
    assert.ok(JSON.stringify(renderCard(noticeCard, { ...model, title: 'Backup failed' }).content).includes('Backup failed'));
    assert.throws(() => renderCard(noticeCard, { ...model, title: 7 }), CardRenderError, 'a bad model is refused however often a good one was rendered');
  });

  it('the official renderer check is not blind: it reports an unknown element', () => {
    const problems = parseWithOfficialRenderer({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] });
    assert.ok(problems.some((p) => /Bogus/.test(p)), problems.join('; '));
  });
});
