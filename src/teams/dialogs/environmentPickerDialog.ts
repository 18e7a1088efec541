import {
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type Choice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { describeFnoKind } from '../../domain/describe';
import type { LifecyclePort } from '../../domain/ports/lifecyclePort';
import { noticeActivity } from '../../commands/replies';
import { ENVIRONMENT_PICKER, type PickedPair } from '../../commands/typedDialogs';

// A short typed conversation for `setup` without arguments: which F&O environment, then where its
// Dataverse comes from. Each answer may be typed (name or number) or picked from the buttons; the
// state lives in PrivateConversationState, so nobody else in the conversation shares it.

const FNO_PROMPT = 'fnoEnvironmentPrompt';
const TARGET_PROMPT = 'targetPrompt';
const STEPS = 'environmentPickerSteps';
const NEW_DATAVERSE = 'new';

interface PickerState {
  fnoEnvironmentId?: string;
}

export class EnvironmentPickerDialog extends ComponentDialog {
  constructor(private readonly port: LifecyclePort) {
    super(ENVIRONMENT_PICKER);
    for (const id of [FNO_PROMPT, TARGET_PROMPT]) {
      const prompt = new ChoicePrompt(id);
      // Names only: "the blue one" must not be read as "the first environment" in an irreversible flow.
      prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
      this.addDialog(prompt);
    }
    this.addDialog(
      new WaterfallDialog(STEPS, [
        (step) => this.askEnvironment(step),
        (step) => this.askTarget(step),
        (step) => this.finish(step),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async askEnvironment(step: WaterfallStepContext) {
    const environments = await this.port.listFnoEnvironments();
    const choices: Choice[] = environments.map((e) => ({ value: e.id, synonyms: [e.name, e.id] }));
    return step.prompt(FNO_PROMPT, {
      prompt: noticeActivity({
        title: 'Which finance and operations environment?',
        paragraphs: ['Press one, or type its name. Type **cancel** to stop.'],
        facts: environments.map((e) => ({ title: e.name, value: describeFnoKind(e) })),
        buttons: environments.map((e) => ({ title: e.name, command: e.name })),
      }),
      retryPrompt: noticeActivity({ title: 'I did not get that', paragraphs: ['Press one of the buttons above or type the environment name, or type **cancel**.'] }),
      choices,
      style: ListStyle.none,
    });
  }

  private async askTarget(step: WaterfallStepContext) {
    const state = step.values as PickerState;
    state.fnoEnvironmentId = String((step.result as { value: string }).value);
    const environments = (await this.port.listPowerPlatformEnvironments()).filter((pp) => pp.hasDataverse && !pp.isInitialEnvironment);
    const choices: Choice[] = [
      { value: NEW_DATAVERSE, synonyms: ['new', 'new dataverse', 'new dataverse database'] },
      ...environments.map((pp) => ({ value: pp.id, synonyms: [pp.displayName, pp.id] })),
    ];
    return step.prompt(TARGET_PROMPT, {
      prompt: noticeActivity({
        title: 'Where should its Dataverse come from?',
        paragraphs: ['A new database in its initial Power Platform environment, or an existing environment with Dataverse.'],
        buttons: [{ title: 'New Dataverse database', command: 'new' }, ...environments.map((pp) => ({ title: pp.displayName.slice(0, 40), command: pp.displayName }))],
      }),
      retryPrompt: noticeActivity({ title: 'I did not get that', paragraphs: ['Press one of the buttons above, type **new** or the name of an existing environment, or type **cancel**.'] }),
      choices,
      style: ListStyle.none,
    });
  }

  private async finish(step: WaterfallStepContext) {
    const state = step.values as PickerState;
    const value = String((step.result as { value: string }).value);
    const picked: PickedPair = {
      fnoEnvironmentId: state.fnoEnvironmentId!,
      target: value === NEW_DATAVERSE ? { kind: 'new' } : { kind: 'existing', ppEnvironmentId: value },
    };
    return step.endDialog(picked);
  }
}
