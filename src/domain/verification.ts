import type { VerificationResult } from './model';

// How to read a RetrieveFinanceAndOperationsIntegrationDetails answer (docs/sources.md (d)):
// 0x80048d0b means "not linked" for this call only; an Id other than the expected F&O environment
// means the Dataverse environment is linked elsewhere, which cannot be undone.

export type VerificationVerdict = 'linked' | 'linked-elsewhere' | 'not-linked' | 'unknown';

export interface VerificationReading {
  verdict: VerificationVerdict;
  headline: string;
  explanation: string[];
  facts: { title: string; value: string }[];
}

export function readVerification(
  result: VerificationResult | { error: string },
  expected: { fnoEnvironmentId: string | null; ppDisplayName: string },
): VerificationReading {
  if ('error' in result) {
    return {
      verdict: 'unknown',
      headline: `Could not verify ${expected.ppDisplayName}`,
      explanation: [
        `The verification call did not answer: ${result.error}`,
        'This says nothing about the link itself. Try again later; if it persists, check that the bot has an application user with a security role in that Dataverse environment.',
      ],
      facts: [],
    };
  }
  if (!result.linked) {
    return {
      verdict: 'not-linked',
      headline: `${expected.ppDisplayName} is not linked to finance and operations`,
      explanation: [
        `Dataverse answered ${result.code}: this environment is not integrated with a finance and operations environment, or the setup has not finished yet.`,
        'If a setup is running, wait for it to end. Otherwise run **readiness** for the environment and then **setup**.',
      ],
      facts: [{ title: 'Answer', value: `${result.code}: ${result.message}` }],
    };
  }
  const facts = [
    { title: 'F&O URL', value: result.Url },
    { title: 'Tenant', value: result.TenantId },
    { title: 'F&O environment id', value: result.Id },
  ];
  if (expected.fnoEnvironmentId && result.Id.toLowerCase() !== expected.fnoEnvironmentId.toLowerCase()) {
    return {
      verdict: 'linked-elsewhere',
      headline: `${expected.ppDisplayName} is linked to a different finance and operations environment`,
      explanation: [
        `It reports environment ${result.Id}, not ${expected.fnoEnvironmentId}.`,
        'A link cannot be undone. Do not try to repair it here: check which environment it belongs to, and involve the LCS project owner and Microsoft support if it is wrong.',
      ],
      facts,
    };
  }
  return {
    verdict: 'linked',
    headline: `${expected.ppDisplayName} is linked and verified`,
    explanation: ['Dataverse confirms the integration with the finance and operations environment below.'],
    facts,
  };
}
