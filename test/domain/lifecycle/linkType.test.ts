import assert from 'node:assert/strict';
import { classifyLink } from '../../../src/domain/lifecycle/linkType';
import { id, makeFno, makePp, makeUnified } from './factories';

describe('lifecycle rules: classifyLink', () => {
  it('calls a Dataverse environment linked to an LCS environment "linked"', () => {
    assert.equal(classifyLink(makeFno(), makePp()), 'linked');
    assert.equal(classifyLink(null, makePp()), 'linked');
  });

  it('calls a Dataverse environment linked to another F&O environment "linked" too: PPAC treats it so', () => {
    const contosoSales = makePp({ id: id('b015'), linkedApp: { id: id('f006'), type: 'Linked', url: 'https://contoso-perf' } });
    assert.equal(classifyLink(makeFno(), contosoSales), 'linked');
  });

  it('calls an initial environment that only shows the F&O URL (no Dataverse) "not-linked"', () => {
    const initial = makePp({ id: id('b001'), hasDataverse: false, instanceUrl: null, linkedApp: { id: id('f001'), type: 'Linked', url: 'https://contoso-prod' } });
    assert.equal(classifyLink(makeFno({ id: id('f001'), type: 'Production' }), initial), 'not-linked');
  });

  it('calls F&O hosted in Dataverse (linkedApp type Internal) "unified"', () => {
    assert.equal(classifyLink(null, makeUnified()), 'unified');
  });

  it('calls cloud-hosted and DevTest F&O environments "cloud-hosted", even when deployed with Dataverse', () => {
    const che = makeFno({ id: id('f003'), type: 'DevTest', cloudHosted: true });
    assert.equal(classifyLink(che, null), 'cloud-hosted');
    assert.equal(classifyLink(che, makePp({ linkedApp: { id: id('f003'), type: 'Linked', url: 'https://contoso-dev01.axcloud' } })), 'cloud-hosted');
    assert.equal(classifyLink(makeFno({ type: 'DevTest', cloudHosted: false }), null), 'cloud-hosted');
  });

  it('calls everything else "not-linked"', () => {
    assert.equal(classifyLink(null, null), 'not-linked');
    assert.equal(classifyLink(makeFno(), null), 'not-linked');
    assert.equal(classifyLink(null, makePp({ linkedApp: null })), 'not-linked');
    assert.equal(classifyLink(null, makePp({ linkedApp: { id: 'x', type: 'Something new', url: '' } })), 'not-linked');
  });
});
