import { PrivateConversationState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Turn } from '../../commands/turn';
import type { DialogCompletion, DialogCompletions } from '../../commands/typedDialogs';

// Multi-turn typed conversations (botbuilder-dialogs). State is per person per conversation
// (PrivateConversationState), so in a group chat or channel nobody continues someone else's flow.
// A finished dialog hands its result to the handler registered for it.

const CANCEL_WORDS = new Set(['cancel', 'stop', 'quit', 'never mind', 'nevermind']);

export class DialogRunner implements DialogCompletions {
  private readonly state: PrivateConversationState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly completions = new Map<string, DialogCompletion>();

  constructor(storage: Storage) {
    this.state = new PrivateConversationState(storage);
    this.dialogState = this.state.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
  }

  add(dialog: Dialog): this {
    this.dialogs.add(dialog);
    return this;
  }

  onComplete(dialogId: string, completion: DialogCompletion): void {
    this.completions.set(dialogId, completion);
  }

  async begin(context: TurnContext, turn: Turn, dialogId: string, options?: object): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const result = await dc.beginDialog(dialogId, options);
    await this.finishIfDone(turn, dialogId, result.status, result.result);
    await this.state.saveChanges(context);
  }

  /**
   * Continues the caller's running dialog with this message. Returns false when none is running
   * (the message is then an ordinary command). `cancel` ends the dialog; `isCommand` lets a known
   * command interrupt it instead of being read as an answer.
   */
  async continue(context: TurnContext, turn: Turn, text: string, isCommand: (text: string) => boolean): Promise<boolean> {
    // Most messages come with no dialog running: read the stored stack first, and build the dialog
    // context (costly: it sets up botbuilder-dialogs' memory scopes) only when there is one.
    const stored = await this.dialogState.get(context);
    if (!stored?.dialogStack?.length) return false;
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return false;
    const running = dc.activeDialog.id;
    const word = text.trim().toLowerCase();
    if (CANCEL_WORDS.has(word) || isCommand(text)) {
      await dc.cancelAllDialogs();
      await this.state.saveChanges(context);
      if (CANCEL_WORDS.has(word)) await turn.reply('Stopped. Nothing was changed.');
      return CANCEL_WORDS.has(word);
    }
    const result = await dc.continueDialog();
    await this.finishIfDone(turn, running, result.status, result.result);
    await this.state.saveChanges(context);
    return true;
  }

  private async finishIfDone(turn: Turn, dialogId: string, status: DialogTurnStatus, result: unknown): Promise<void> {
    if (status === DialogTurnStatus.complete) await this.completions.get(dialogId)?.(turn, result);
  }

}
