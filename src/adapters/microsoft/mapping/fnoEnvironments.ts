import type { FnoEnvironment, FnoEnvironmentType, LcsProject, PowerPlatformEnvironment } from '../../../domain/model';
import type { LcsEnvironment } from '../lcs/lcsSchemas';
import { sameId } from '../../../domain/ids';

// An F&O environment assembled from LCS (what it is, where it runs) and BAP (which Power Platform
// environment holds its link). LCS exposes nothing about Power Platform integration itself.

const MICROSOFT_HOSTED = ['microsoftmanaged', 'selfservice'];

function typeOf(environmentType: string | null | undefined): FnoEnvironmentType {
  if (environmentType === 'Production' || environmentType === 'Sandbox') return environmentType;
  return 'DevTest';
}

/** LCS names regions for people ("West US"); the readiness rules use Azure names ("westus"). */
export function azureRegionName(cloudStorageLocation: string | null | undefined): string {
  return (cloudStorageLocation ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The Power Platform environments holding this F&O environment's integration: Dataverse with its link. */
export function linkedEnvironmentIds(fnoId: string, environments: PowerPlatformEnvironment[]): string[] {
  return environments.filter((pp) => pp.hasDataverse && sameId(pp.linkedApp?.id, fnoId)).map((pp) => pp.id);
}

export function toFnoEnvironment(lcs: LcsEnvironment, project: LcsProject, environments: PowerPlatformEnvironment[]): FnoEnvironment {
  const infrastructure = (lcs.EnvironmentInfrastructure ?? '').toLowerCase();
  return {
    id: lcs.EnvironmentId,
    name: lcs.EnvironmentName,
    type: typeOf(lcs.EnvironmentType),
    // LCS reports no sandbox tier.
    cloudHosted: infrastructure !== '' && !MICROSOFT_HOSTED.includes(infrastructure),
    azureRegion: azureRegionName(lcs.CloudStorageLocation),
    url: (lcs.EnvironmentEndpointBaseUrl ?? '').replace(/\/+$/, ''),
    platformVersion: lcs.CurrentPlatformVersion ?? '',
    applicationVersion: lcs.CurrentApplicationBuildVersion ?? '',
    deploymentState: lcs.DeploymentStatusDisplay ?? lcs.DeploymentState ?? 'Unknown',
    // The LCS API does not name the environment administrator.
    environmentAdministrator: null,
    lcsProject: project,
    linkedPowerPlatformEnvironmentIds: linkedEnvironmentIds(lcs.EnvironmentId, environments),
  };
}
