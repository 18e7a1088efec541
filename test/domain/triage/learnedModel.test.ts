import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEvaluationPart, modelWithout, trainingExamples, trainModel } from '../../../scripts/triageEvaluation';
import { buildLearnedModel, CompiledModel, LeaveOutTraining, letterRuns, searchTerms, termPairs, type LabelledExample } from '../../../src/domain/triage/learnedModel';
import { scoreText, triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';
import { fromRoot } from '../../../src/projectRoot';

const terms = (text: string) => searchTerms(normalise(text).tokens);

describe('triage: what the labelled examples teach', () => {
  it('is rebuilt from the current examples (run npm run triage:learn after adding texts or entries)', function () {
    // Normalises every labelled example (about 12,800) unless another test of this run already did.
    this.timeout(180_000);
    const committed: unknown = JSON.parse(readFileSync(fromRoot('src/domain/triage/learned/model.json'), 'utf8'));
    assert.deepEqual(committed, trainModel());
  });

  it('counts a term once per example, and gives every entry the same prior', () => {
    const model = buildLearnedModel([
      { entryId: 'a', terms: ['capacity', 'capacity', 'full'] },
      { entryId: 'a', terms: ['capacity'] },
      { entryId: 'b', terms: ['consent', 'full'] },
    ]);
    assert.deepEqual(model.entries.a, { examples: 2, terms: { capacity: 2, full: 1 } });
    const posteriors = new CompiledModel(model).posteriors(['consent', 'full']);
    assert.ok(posteriors.get('b')! > 0.9, 'one example of b outweighs two of a for its own word');
    assert.equal(new CompiledModel(model).posteriors(['unknownword']).size, 0, 'no known term, no opinion');
    // One known word that many tickets share ("SIT") is no opinion either: a text of unknown words
    // around it would otherwise go to whichever entry's letter runs happen to fit.
    assert.equal(new CompiledModel(model).posteriors(['consent', 'unknownword']).size, 0, 'one known term, no opinion');
  });

  it('reads pairs of neighbouring terms that at least two of an entry\'s examples share', () => {
    assert.deepEqual(termPairs(['orders', 'orders', 'never', 'arrive']), ['orders never', 'never arrive']);
    const model = buildLearnedModel([
      { entryId: 'a', terms: ['orders', 'never', 'arrive'] },
      { entryId: 'a', terms: ['orders', 'never', 'arrive', 'today'] },
      { entryId: 'b', terms: ['arrive', 'never', 'orders'] },
      { entryId: 'b', terms: ['arrive', 'never', 'orders', 'today'] },
    ]);
    assert.equal(model.entries.a.terms['never arrive'], 2);
    // One example's pair is its own wording: not kept.
    assert.equal(model.entries.a.terms['arrive today'], undefined);
    // The same words in another order: only the pairs tell the two entries apart.
    const posteriors = new CompiledModel(model).posteriors(['orders', 'never', 'arrive']);
    assert.ok(posteriors.get('a')! > posteriors.get('b')!, JSON.stringify([...posteriors]));
  });

  it('weighs a word by how few entries share it, so words most failures use do not outvote one only a single entry knows', () => {
    const examples = (entryId: string, ...texts: string[]) => texts.map((text) => ({ entryId, terms: text.split(' ') }));
    const model = new CompiledModel(
      buildLearnedModel([
        // "sync" is in every example of a, c and d; "journal" in one of b's only.
        ...examples('a', 'sync order', 'sync order', 'sync order', 'sync order'),
        ...examples('b', 'journal posting', 'voucher posting', 'voucher posting', 'voucher posting'),
        ...examples('c', 'sync lcs', 'sync lcs', 'sync lcs', 'sync lcs'),
        ...examples('d', 'sync batch', 'sync batch', 'sync batch', 'sync batch'),
      ]),
    );
    const ranked = [...model.posteriors(['sync', 'journal'])].sort((x, y) => y[1] - x[1]);
    assert.equal(ranked[0][0], 'b', JSON.stringify(ranked));
  });

  it('softens its shares, so a close runner-up keeps part of the learned bonus', () => {
    // Ten words that a's examples used and b's used all but one of: naive Bayes alone would give b almost nothing.
    const words = ['order', 'sales', 'customer', 'sync', 'fails', 'company', 'missing', 'today', 'error', 'record'];
    const model = new CompiledModel(
      buildLearnedModel([
        { entryId: 'a', terms: words },
        { entryId: 'a', terms: words },
        { entryId: 'b', terms: words.slice(1) },
        { entryId: 'b', terms: ['capacity', 'storage'] },
      ]),
    );
    const posteriors = model.posteriors(words);
    assert.ok(posteriors.get('a')! > posteriors.get('b')!, 'the entry whose examples fit best still leads');
    // Quartered log-likelihoods (the rarity weights doubled the lifts): about 0.01 %; unsoftened, about 1e-14 %.
    assert.ok(posteriors.get('b')! > 1e-5, `b: ${posteriors.get('b')}`);
  });

  it('also compares runs of four letters, so a bent word still points to the entry whose examples used it', () => {
    assert.deepEqual(letterRuns('sync'), ['<syn', 'sync', 'ync>']);
    assert.deepEqual(letterRuns('ab'), ['<ab>']);
    const model = new CompiledModel(
      buildLearnedModel([
        { entryId: 'a', terms: ['synchronisierung', 'plant', 'night'] },
        { entryId: 'b', terms: ['capacity', 'plant', 'night'] },
      ]),
    );
    // "plant" and "night" are known to both; "synchronisierungen" to neither as a whole word, but its runs are a's.
    const posteriors = model.posteriors(['plant', 'night', 'synchronisierungen']);
    assert.ok(posteriors.get('a')! > 0.9, `a: ${posteriors.get('a')}`);
    // Runs alone are no evidence: a text without one known whole term gets no opinion.
    assert.equal(model.posteriors(['synchronisierungen']).size, 0);
  });

  it('reads the words of the examples, not only the entry: the same casual text ranks the cause its examples name', () => {
    const text = 'the grimble page flumoxed again, zorblax everywhere';
    const teaching = (entryId: string) => new CompiledModel(buildLearnedModel([{ entryId, terms: terms('grimble page flumoxed zorblax') }]));
    const top = (model: CompiledModel) => [...scoreText(text, false, model)].sort((a, b) => b.score - a.score)[0]?.entry.id;
    assert.equal(top(teaching('insufficient-capacity')), 'insufficient-capacity');
    assert.equal(top(teaching('lcs-role-missing')), 'lcs-role-missing');
  });

  it('trains the evaluation of a part without that part, so its figure is on texts the model never saw', () => {
    const all = trainingExamples();
    const without = trainingExamples('fresh16');
    assert.equal(all.length - without.length, loadEvaluationPart('fresh16').related.length);
  });

  describe('training without some examples by subtracting their counts', () => {
    const example = (entryId: string, text: string): LabelledExample => ({ entryId, terms: terms(text) });
    const examples = [
      example('insufficient-capacity', 'database capacity too low, setup refused'),
      example('insufficient-capacity', 'capacity too low for the new environment'),
      example('insufficient-capacity', 'capacity too low again'),
      example('lcs-role-missing', 'project owner role missing in lifecycle services'),
      example('lcs-role-missing', 'lifecycle services says the role is missing'),
      example('setup-failed', 'the setup failed after an hour'),
    ];
    const probes = ['capacity too low', 'role missing in lifecycle services', 'setup failed after the capacity check', 'lifecycle capacity role'];
    const posteriorsOf = (model: CompiledModel) => probes.map((probe) => [...model.posteriors(terms(probe))]);

    it('gives the very model that training on the rest gives, pairs that fall under two examples dropped', () => {
      const training = new LeaveOutTraining(examples);
      for (const left of [[examples[0]], [examples[1], examples[3]], [examples[5]], []]) {
        const rest = examples.filter((item) => !left.includes(item));
        assert.deepEqual(posteriorsOf(training.without(left)), posteriorsOf(new CompiledModel(buildLearnedModel(rest))));
      }
      // "capacity too" was used by three examples: without two of them it is no longer a pair the model keeps.
      const withoutTwo = training.without([examples[0], examples[1]]);
      const fromScratch = new CompiledModel(buildLearnedModel(examples.slice(2)));
      assert.deepEqual(posteriorsOf(withoutTwo), posteriorsOf(fromScratch));
    });

    it('leaves out an entry whose every example is left out, as training on the rest never sees it', () => {
      const model = new LeaveOutTraining(examples).without([examples[5]]);
      assert.ok(!model.posteriors(terms('the setup failed after an hour capacity')).has('setup-failed'));
    });

    it('refuses to leave out an example it was not trained on, instead of counting below zero', () => {
      const training = new LeaveOutTraining(examples);
      assert.throws(() => training.without([example('insufficient-capacity', 'a text nobody trained on')]), /was not among those trained on/);
      assert.throws(() => training.without([example('geography-mismatch', 'capacity too low')]), /more examples of geography-mismatch/);
    });

    it('gives the evaluation of a real part the model trained from scratch without it', function () {
      this.timeout(180_000);
      const part = loadEvaluationPart('fresh16');
      const scratch = new CompiledModel(trainModel('fresh16'));
      const subtracted = modelWithout('fresh16');
      for (const item of [...part.related, ...part.unrelated]) {
        assert.deepEqual([...subtracted.posteriors(terms(item.text))], [...scratch.posteriors(terms(item.text))], item.text.slice(0, 60));
      }
    });
  });

  it('ranks candidates but decides no confidence: without signals the answer stays a low guess', () => {
    const example = 'zorblax quintessence flumoxed the grimble';
    const model = new CompiledModel(buildLearnedModel([{ entryId: 'setup-failed', terms: terms(example) }]));
    const result = triageText(example, model);
    assert.equal(result.matches[0]?.entryId, 'setup-failed');
    assert.equal(result.verdict, 'no-confident-match');
  });

  it('leans twice as hard on the examples in text written mostly in another script, where the English signals see little', () => {
    // Japanese for "the warehouse called: the shipping screen keeps waiting, the same after every retry".
    const japanese = '倉庫の担当者から連絡がありました。出荷画面でずっと待機中のままで、何度やり直しても同じです。';
    const model = new CompiledModel(buildLearnedModel([{ entryId: 'live-sync-map-paused', terms: terms(japanese) }]));
    const ranked = (text: string) => [...scoreText(text, false, model)].sort((a, b) => b.score - a.score);
    const inJapanese = ranked(`${japanese} Dataverse sync capacity`);
    assert.equal(inJapanese[0]?.entry.id, 'live-sync-map-paused', 'the examples outrank the full-text search on "capacity"');
    assert.ok(inJapanese[0].score > inJapanese[1].score, 'and not by a tie');
    const inEnglish = ranked('The warehouse called: the shipping screen keeps waiting, the same after every retry. Dataverse sync capacity');
    const learnedIn = (entries: ReturnType<typeof ranked>) => entries.find((item) => item.entry.id === 'live-sync-map-paused')?.learned;
    assert.equal(learnedIn(inJapanese), 2 * learnedIn(inEnglish)!, 'the same known words weigh twice as much in Japanese');
  });
});
