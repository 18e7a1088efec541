import assert from 'node:assert/strict';
import { GEOGRAPHY_BY_AZURE_REGION, geographyLabel, geographyOfRegion } from '../../../src/domain/readiness/geography';
import { allowedEnvironmentTypes, availableTemplates } from '../../../src/domain/readiness/setupOptions';
import { makeFno, makeTenant } from './factories';

describe('readiness: Azure region to Power Platform geography', () => {
  const cases: [string, string][] = [
    ['westus', 'unitedstates'],
    ['eastus', 'unitedstates'],
    ['eastus2', 'unitedstates'],
    ['westeurope', 'europe'],
    ['northeurope', 'europe'],
    ['uksouth', 'unitedkingdom'],
    ['ukwest', 'unitedkingdom'],
    ['canadacentral', 'canada'],
    ['australiaeast', 'australia'],
    ['japaneast', 'japan'],
    ['southeastasia', 'asia'],
    ['centralindia', 'india'],
    ['francecentral', 'france'],
    ['germanywestcentral', 'germany'],
    ['switzerlandnorth', 'switzerland'],
    ['norwayeast', 'norway'],
    ['southafricanorth', 'southafrica'],
    ['uaenorth', 'uae'],
    ['brazilsouth', 'southamerica'],
  ];
  for (const [region, geography] of cases) {
    it(`maps ${region} to ${geography}`, () => assert.equal(geographyOfRegion(region), geography));
  }

  it('ignores letter case and surrounding spaces, as LCS and BAP spell regions differently', () => {
    assert.equal(geographyOfRegion(' WestEurope '), 'europe');
  });

  it('answers null for a region it does not know, including names of built-in object members', () => {
    assert.equal(geographyOfRegion('marsnorth'), null);
    assert.equal(geographyOfRegion('constructor'), null);
    assert.equal(geographyLabel('constructor'), 'constructor');
  });

  it('has a readable name for every geography it maps to, and passes unknown ones through', () => {
    for (const geography of new Set(Object.values(GEOGRAPHY_BY_AZURE_REGION))) {
      assert.notEqual(geographyLabel(geography), geography, geography);
    }
    assert.equal(geographyLabel('unitedstates'), 'United States');
    assert.equal(geographyLabel('antarctica'), 'antarctica');
  });
});

describe('readiness: setup options', () => {
  it('offers Sandbox for tier 2–5 sandboxes and Production for production', () => {
    for (const tier of [2, 3, 4, 5]) {
      assert.deepEqual(allowedEnvironmentTypes(makeFno({ type: 'Sandbox', sandboxTier: tier })), ['Sandbox']);
    }
    assert.deepEqual(allowedEnvironmentTypes(makeFno({ type: 'Production' })), ['Production']);
  });

  it('offers nothing for DevTest or cloud-hosted environments: their type is chosen at deployment', () => {
    assert.deepEqual(allowedEnvironmentTypes(makeFno({ type: 'DevTest' })), []);
    assert.deepEqual(allowedEnvironmentTypes(makeFno({ type: 'DevTest', cloudHosted: true })), []);
  });

  it('offers the Dynamics 365 Standard template to everyone', () => {
    assert.deepEqual(availableTemplates(makeTenant({ entitlements: ['Finance'] })), [{ id: 'Dynamics365Standard', label: 'Dynamics 365 Standard' }]);
  });

  it('adds Project Operations only with the ProjectOperations entitlement', () => {
    assert.deepEqual(availableTemplates(makeTenant({ entitlements: ['Finance', 'ProjectOperations'] })), [
      { id: 'Dynamics365Standard', label: 'Dynamics 365 Standard' },
      { id: 'ProjectOperations', label: 'Project Operations' },
    ]);
  });
});
