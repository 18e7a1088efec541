import assert from 'node:assert/strict';
import { geographiesAgree, namedGeographies } from '../../../src/domain/triage/geographies';
import { triageText } from '../../../src/domain/triage/matcher';
import { readPrerequisites } from '../../../src/domain/triage/prerequisitesInPlace';
import { normalise } from '../../../src/domain/triage/normalise';

/** Whether the text says, in so many words or by the places it names, that the geographies match. */
const geographyInPlace = (text: string) => {
  const { tokens, original } = normalise(text);
  return readPrerequisites(tokens, original).inPlace.has('geography');
};

// PPI links a Dataverse environment only in the geography of F&O's Azure region. Hand-offs and
// tickets list each side's region in their environment details; regions of one geography are no
// mismatch, however many of them a text names.

describe('triage: the geographies a text names', () => {
  it('reads region names and Dataverse hosts as their geography', () => {
    assert.deepEqual(namedGeographies('F&O: West Europe. Dataverse: https://contoso.crm4.dynamics.com (crm11 for the old one)'), { names: ['europe'], hosts: ['europe', 'uk'] });
    assert.deepEqual(namedGeographies('FO in East US, Dataverse in the US'), { names: ['us', 'us'], hosts: [] });
    assert.equal(namedGeographies('https://contoso.crm99.dynamics.com'), null, 'an unknown host number says nothing');
  });

  it('agrees only on two or more places of one geography, each of them recognised', () => {
    assert.equal(geographiesAgree('F&O in West Europe, Dataverse https://x.crm4.dynamics.com', 1), true);
    assert.equal(geographiesAgree('F&O in West US, Dataverse in United States', 2), true);
    assert.equal(geographiesAgree('F&O in East US, Dataverse https://x.crm4.dynamics.com', 1), false);
    assert.equal(geographiesAgree('F&O in West Europe only', 1), false);
    // The normaliser read three regions ("Royaume-Uni" glossed), this list only two: nothing is said.
    assert.equal(geographiesAgree('FO en West Europe, env créé en région Royaume-Uni; les autres envs en Europe', 3), false);
  });

  it('reads the geography as in place from the places a text names, or from "same region"', () => {
    assert.equal(geographyInPlace('Environment details: F&O region West Europe, Dataverse org https://contoso.crm4.dynamics.com. Setup fails at validation.'), true);
    assert.equal(geographyInPlace('Both environments are in the same region. Setup fails at validation.'), true);
    assert.equal(geographyInPlace('F&O region East US, Dataverse org https://contoso.crm4.dynamics.com. The environment is not listed.'), false);
  });

  it('keeps the geography cause for places of two geographies, and counts against it for places of one', () => {
    const text = (dataverse: string) => `PPI setup, link existing Dataverse env: it is not shown in the list. F&O is in West Europe, the Dataverse env ${dataverse}.`;
    assert.equal(triageText(text('is in East US')).matches[0]?.entryId, 'geography-mismatch');
    assert.notEqual(triageText(text('is https://contoso.crm4.dynamics.com')).matches[0]?.entryId, 'geography-mismatch');
  });
});
