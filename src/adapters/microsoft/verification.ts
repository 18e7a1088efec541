import { LifecycleError, NOT_INTEGRATED_CODE } from '../../domain/ports/lifecyclePort';
import type { PowerPlatformEnvironment, VerificationResult } from '../../domain/model';
import type { DataverseClient } from './dataverse/dataverseClient';

// RetrieveFinanceAndOperationsIntegrationDetails for a Power Platform environment. Without Dataverse
// there is nothing to ask and the answer is "not integrated", as Dataverse itself would say.

export async function verifyEnvironment(dataverse: DataverseClient, environment: PowerPlatformEnvironment): Promise<VerificationResult> {
  if (!environment.instanceUrl) {
    return { linked: false, code: NOT_INTEGRATED_CODE, message: `${environment.displayName} has no Dataverse database, so it is not integrated with finance and operations.` };
  }
  try {
    return await dataverse.integrationDetails(environment.instanceUrl);
  } catch (error) {
    // 401/403 here almost always means the app has no application user (with a role) in that environment.
    if (error instanceof LifecycleError && error.code === 'Unauthorized') {
      throw new LifecycleError(
        'Unauthorized',
        `${error.message} Add this app as an application user with a security role in ${environment.displayName} (see the Microsoft adapter README).`,
        error.serviceCode,
      );
    }
    throw error;
  }
}
