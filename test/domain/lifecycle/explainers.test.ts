import assert from 'node:assert/strict';
import { capacityExplainer, languageCurrencyExplainer } from '../../../src/domain/lifecycle/explainers';
import { makeTenant } from './factories';

describe('lifecycle rules: explainers', () => {
  describe('capacity', () => {
    it("uses the tenant's own figures and explains where capacity comes from", () => {
      const lines = capacityExplainer(makeTenant());
      assert.equal(lines[0], 'Dataverse database capacity of Contoso: 20.0 GB entitled, 18.9 GB used, 1.1 GB free.');
      const text = lines.join('\n');
      assert.match(text, /finance and operations app licence adds 10 GB/);
      assert.match(text, /every user licence adds a further amount/);
      assert.match(text, /initial environment.*about 1 GB.*3 GB or more/s);
      assert.match(text, /Add-on sandboxes .* no Dataverse capacity/);
      assert.match(lines[lines.length - 1] ?? '', /1\.1 GB free is enough to start one setup.*3 GB/);
    });

    it('warns that setup would fail under 1 GB free, and when already over', () => {
      const fabrikam = makeTenant({ displayName: 'Fabrikam', capacity: { ...makeTenant().capacity, database: { entitledMb: 10240, consumedMb: 9856 } } });
      assert.match(capacityExplainer(fabrikam).at(-1) ?? '', /With 384 MB free, setup would fail: it needs at least 1 GB/);
      const over = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 10240, consumedMb: 12288 } } });
      assert.match(capacityExplainer(over).at(-1) ?? '', /already 2.0 GB over/);
      assert.match(capacityExplainer(over)[0] ?? '', /0 MB free/);
    });

    it('is content with plenty of room', () => {
      const roomy = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 51200, consumedMb: 10240 } } });
      assert.match(capacityExplainer(roomy).at(-1) ?? '', /40.0 GB free covers/);
    });
  });

  describe('language and currency', () => {
    it('ties them to the tenant address and gives the US example', () => {
      const text = languageCurrencyExplainer(makeTenant()).join('\n');
      assert.match(text, /physical address .* Contoso is in United States/);
      assert.match(text, /English and US dollars/);
      assert.match(text, /Microsoft support/);
      assert.match(text, /create the Dataverse environment yourself .* 'Use a different Power Platform environment'/);
    });

    it('does not guess for other countries', () => {
      const text = languageCurrencyExplainer(makeTenant({ displayName: 'Fabrikam', country: 'Germany' })).join('\n');
      assert.match(text, /defaults for Germany/);
      assert.doesNotMatch(text, /US dollars/);
    });
  });
});
