import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ARCHITECTURE_DOC, layerEdges, withCurrentGraph } from '../../scripts/architectureGraph';

describe('docs/architecture.md', () => {
  it('shows the layer graph the imports really make (run npm run docs:architecture after moving a dependency)', () => {
    const committed = readFileSync(ARCHITECTURE_DOC, 'utf8');
    assert.equal(committed, withCurrentGraph(committed));
  });

  it('the graph is read from the code: the domain depends on nothing but util', () => {
    const edges = layerEdges();
    assert.deepEqual([...(edges.get('domain') ?? [])].filter((to) => to !== 'util'), []);
    assert.ok(edges.get('teams')?.has('botbuilder'), 'teams imports botbuilder');
    assert.ok(edges.get('commands')?.has('domain'), 'commands use the domain');
    for (const [from, targets] of edges) if (from !== 'teams') assert.ok(!targets.has('botbuilder'), `${from} imports botbuilder`);
  });
});
