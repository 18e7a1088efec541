import assert from 'node:assert/strict';
import { htmlLines, typedText } from '../../src/teams/typedText';

const html = (content: string) => [{ contentType: 'text/html', content }];

// Teams sends a message's line structure in a text/html attachment; `text` may arrive with the line
// breaks flattened. A pasted checklist or log must reach triage with its lines.

describe('teams: the text a person typed', () => {
  it('takes the line breaks from the HTML part when the text lost them', () => {
    const activity = {
      text: 'triage CHG-5120 post-refresh checklist 1. Users re-enabled – done 2. Restart maps – BLOCKED',
      attachments: html('<p>triage CHG-5120 post-refresh checklist</p><p>1. Users re-enabled &ndash; done<br>2. Restart maps – BLOCKED</p>'),
    };
    // &ndash; is not decoded, so the words differ: the text is kept as it came.
    assert.equal(typedText(activity), activity.text);
    const same = { ...activity, attachments: html('<div>triage CHG-5120 post-refresh checklist</div><div>1. Users re-enabled – done</div><div>2. Restart maps &#8211; BLOCKED</div>') };
    assert.equal(typedText(same), 'triage CHG-5120 post-refresh checklist\n1. Users re-enabled – done\n2. Restart maps – BLOCKED');
  });

  it('keeps a channel mention as the text writes it, and decodes entities', () => {
    const activity = {
      text: '<at>PPI Assistant</at> triage Error: "Unable to write data" & no <b>retry</b>',
      attachments: html('<div><at id="0">PPI Assistant</at> triage Error: &quot;Unable to write data&quot; &amp; no</div><div>&lt;b&gt;retry&lt;/b&gt;</div>'),
    };
    assert.equal(htmlLines(activity.attachments[0].content), '<at>PPI Assistant</at> triage Error: "Unable to write data" & no\n<b>retry</b>');
  });

  it('keeps the text when there is no HTML part, when it says something else, or when the text already has its lines', () => {
    assert.equal(typedText({ text: 'triage one\ntwo' }), 'triage one\ntwo');
    assert.equal(typedText({ text: 'triage one two', attachments: html('<p>a quoted reply</p><p>from yesterday</p>') }), 'triage one two');
    assert.equal(typedText({ text: 'triage one\ntwo', attachments: html('<p>triage one two</p>') }), 'triage one\ntwo');
    assert.equal(typedText({ text: 'triage one two', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] }), 'triage one two');
  });
});
