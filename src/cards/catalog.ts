import type { CardDefinition } from './cardRenderer';
import { helpCard } from './helpCard';
import {
  lifecycleFormCard,
  lifecyclePickerCard,
  lifecyclePlanCard,
  lifecyclePlanListCard,
  lifecycleRunConfirmCard,
  lifecycleStepRunCard,
  pairedPlanCard,
  powershellScriptCard,
} from './lifecycleCards';
import { noticeCard } from './noticeCard';
import { statusCard } from './statusCard';
import { triageResultCard, triageStartCard } from './triageCards';
import { readinessPickerCard, readinessReportCard } from './readinessCards';
import { setupConfirmCard, setupOptionsCard } from './setupCards';
import { operationCard } from './operationCard';
import { welcomeCard } from './welcomeCard';

/** Every card the bot can send; the card tests expand and validate each one. */
export const cardCatalog: CardDefinition<any>[] = [
  helpCard,
  welcomeCard,
  noticeCard,
  statusCard,
  readinessPickerCard,
  readinessReportCard,
  setupOptionsCard,
  setupConfirmCard,
  operationCard,
  triageStartCard,
  triageResultCard,
  lifecyclePickerCard,
  lifecyclePlanCard,
  lifecycleFormCard,
  pairedPlanCard,
  lifecycleRunConfirmCard,
  lifecycleStepRunCard,
  lifecyclePlanListCard,
  powershellScriptCard,
];
