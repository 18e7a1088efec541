import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { lcsRoleName } from '../../src/domain/describe';
import { KNOWLEDGE_BASE } from '../../src/domain/triage';
import { fromRoot } from '../../src/projectRoot';

// Role names read one way wherever people see them (issue 12): in sentence case, like the LCS roles
// the cards spell out ("Project owner", "Environment manager"), never "Project Owner" here and
// "Project owner" there. Data the services return (a Dataverse role record) is not text we write.

const TITLE_CASE_ROLE = /\b(Project Owners?|Environment Managers?|Team Member(?!s)|Environment Administrator|System Administrator|Power Platform Administrator|Dynamics 365 Administrator|Global Administrator)\b/;

function textFiles(dir: string, ending: string): string[] {
  return readdirSync(fromRoot(dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(ending))
    .map((name) => `${dir}/${name}`);
}

describe('role names: one capitalisation everywhere they are shown', () => {
  it('the LCS roles the services return read in sentence case', () => {
    assert.deepEqual(['ProjectOwner', 'EnvironmentManager', 'TeamMember'].map(lcsRoleName), ['Project owner', 'Environment manager', 'Team member']);
  });

  it('the triage knowledge base writes every role name that way', () => {
    const shown = KNOWLEDGE_BASE.flatMap((entry) => [entry.title, entry.cause, ...entry.steps, ...entry.fixOwners].map((text) => ({ id: entry.id, text })));
    const wrong = shown.filter(({ text }) => TITLE_CASE_ROLE.test(text));
    assert.deepEqual(wrong, []);
  });

  it('so do the card templates, the messages in the source, the README and the docs', () => {
    const files = [
      ...textFiles('cards', '.json'),
      ...textFiles('src', '.ts'),
      ...textFiles('src', '.md'),
      ...textFiles('docs', '.md').filter((file) => !file.startsWith('docs/wip/')),
      'README.md',
    ];
    const wrong = files.flatMap((file) =>
      readFileSync(fromRoot(file), 'utf8')
        .split('\n')
        .map((line, index) => ({ at: `${file}:${index + 1}`, line }))
        // The one place the Dataverse role record is made, spelled as Dataverse returns it.
        .filter(({ line }) => TITLE_CASE_ROLE.test(line) && !/role: 'System Administrator'/.test(line)),
    );
    assert.deepEqual(wrong.map((w) => `${w.at}: ${w.line.trim()}`), []);
  });
});
