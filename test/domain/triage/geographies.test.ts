import assert from 'node:assert/strict';
import { geographiesAgree, namedGeographies } from '../../../src/domain/triage/geographies';
import { triageText } from '../../../src/domain/triage/matcher';
import { readPrerequisites } from '../../../src/domain/triage/prerequisitesInPlace';
import { normalise } from '../../../src/domain/triage/normalise';

/** The geographies a text names, and whether they agree, as the prerequisites read them (after normalising). */
const named = (text: string) => {
  const { tokens, original } = normalise(text);
  return namedGeographies(tokens, original);
};
const agree = (text: string) => {
  const { tokens, original } = normalise(text);
  return geographiesAgree(tokens, original);
};

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
    assert.deepEqual(named('F&O: West Europe. Dataverse: https://contoso.crm4.dynamics.com (crm11 for the old one)'), { names: ['europe'], hosts: ['europe', 'uk'] });
    assert.deepEqual(named('FO in East US, Dataverse in the US'), { names: ['us', 'us'], hosts: [] });
    // Glued as the APIs write them.
    assert.deepEqual(named('location: westeurope, fno region eastus2'), { names: ['europe', 'us'], hosts: [] });
    assert.equal(named('https://contoso.crm99.dynamics.com'), null, 'an unknown host number says nothing');
  });

  it('agrees only on two or more places of one geography, each of them recognised', () => {
    assert.equal(agree('F&O in West Europe, Dataverse https://x.crm4.dynamics.com'), true);
    assert.equal(agree('F&O in West US, Dataverse in United States'), true);
    assert.equal(agree('F&O in East US, Dataverse https://x.crm4.dynamics.com'), false);
    assert.equal(agree('F&O in West Europe only'), false);
    // A region a glossary translated ("Suisse") is no name this list knows: nothing is said.
    assert.equal(agree('FO déployé en Suisse Nord, Dataverse en West Europe, les autres envs en Europe'), false);
    // "westus (unitedstates)" as the simulator writes it is the US, not another mention of Europe.
    assert.equal(agree('Contoso Europe Sales is in the europe geography, but contoso-prod runs in westus (unitedstates).'), false);
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
