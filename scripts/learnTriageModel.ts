import { writeFileSync } from 'node:fs';
import { fromRoot } from '../src/projectRoot';
import { trainModel } from './triageEvaluation';

// npm run triage:learn: rebuilds src/domain/triage/learned/model.json from the knowledge base and
// the labelled evaluation texts. Run it after adding texts or entries; a test fails while it is stale.

const file = 'src/domain/triage/learned/model.json';
const model = trainModel();
writeFileSync(fromRoot(file), `${JSON.stringify(model)}\n`);
const terms = Object.values(model.entries).reduce((sum, entry) => sum + Object.keys(entry.terms).length, 0);
console.log(`${file}: ${Object.keys(model.entries).length} entries, ${terms} entry terms`);
