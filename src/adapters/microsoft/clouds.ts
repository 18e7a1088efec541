// The hosts and token scopes of each Microsoft cloud, so a sovereign tenant needs one setting
// (MICROSOFT_CLOUD) instead of nine. Power Platform values as the Terraform provider for Power
// Platform keeps them per cloud (internal/constants/constants.go); Graph's from Learn "National cloud
// deployments"; LCS's from d365fo.tools (US Government, China). Any MICROSOFT_*_URL / _SCOPE set
// explicitly still wins.

export const CLOUDS = ['public', 'gcc', 'gcchigh', 'dod', 'china'] as const;
export type MicrosoftCloud = (typeof CLOUDS)[number];

type CloudSettings = Readonly<Record<
  | 'MICROSOFT_AUTHORITY_HOST'
  | 'MICROSOFT_BAP_URL'
  | 'MICROSOFT_BAP_SCOPE'
  | 'MICROSOFT_POWER_PLATFORM_API_URL'
  | 'MICROSOFT_POWER_PLATFORM_API_SCOPE'
  | 'MICROSOFT_GRAPH_URL'
  | 'MICROSOFT_GRAPH_SCOPE'
  | 'MICROSOFT_LCS_URL',
  string
>>;

const US_GOVERNMENT_LCS = 'https://lcsapi.gov.lcs.microsoftdynamics.us';

export const CLOUD_SETTINGS: Readonly<Record<MicrosoftCloud, CloudSettings>> = {
  public: {
    MICROSOFT_AUTHORITY_HOST: 'https://login.microsoftonline.com',
    MICROSOFT_BAP_URL: 'https://api.bap.microsoft.com',
    MICROSOFT_BAP_SCOPE: 'https://service.powerapps.com/.default',
    MICROSOFT_POWER_PLATFORM_API_URL: 'https://api.powerplatform.com',
    MICROSOFT_POWER_PLATFORM_API_SCOPE: 'https://api.powerplatform.com/.default',
    MICROSOFT_GRAPH_URL: 'https://graph.microsoft.com',
    MICROSOFT_GRAPH_SCOPE: 'https://graph.microsoft.com/.default',
    MICROSOFT_LCS_URL: 'https://lcsapi.lcs.dynamics.com',
  },
  // US Government (GCC): Power Platform in its own hosts, Entra and Graph those of the public cloud.
  gcc: {
    MICROSOFT_AUTHORITY_HOST: 'https://login.microsoftonline.com',
    MICROSOFT_BAP_URL: 'https://gov.api.bap.microsoft.us',
    MICROSOFT_BAP_SCOPE: 'https://service.powerapps.us/.default',
    MICROSOFT_POWER_PLATFORM_API_URL: 'https://api.gov.powerplatform.microsoft.us',
    MICROSOFT_POWER_PLATFORM_API_SCOPE: 'https://api.gov.powerplatform.microsoft.us/.default',
    MICROSOFT_GRAPH_URL: 'https://graph.microsoft.com',
    MICROSOFT_GRAPH_SCOPE: 'https://graph.microsoft.com/.default',
    MICROSOFT_LCS_URL: US_GOVERNMENT_LCS,
  },
  gcchigh: {
    MICROSOFT_AUTHORITY_HOST: 'https://login.microsoftonline.us',
    MICROSOFT_BAP_URL: 'https://high.api.bap.microsoft.us',
    MICROSOFT_BAP_SCOPE: 'https://high.service.apps.appsplatform.us/.default',
    MICROSOFT_POWER_PLATFORM_API_URL: 'https://api.appsplatform.us',
    MICROSOFT_POWER_PLATFORM_API_SCOPE: 'https://api.appsplatform.us/.default',
    MICROSOFT_GRAPH_URL: 'https://graph.microsoft.us',
    MICROSOFT_GRAPH_SCOPE: 'https://graph.microsoft.us/.default',
    MICROSOFT_LCS_URL: US_GOVERNMENT_LCS,
  },
  dod: {
    MICROSOFT_AUTHORITY_HOST: 'https://login.microsoftonline.us',
    MICROSOFT_BAP_URL: 'https://api.bap.appsplatform.us',
    MICROSOFT_BAP_SCOPE: 'https://service.apps.appsplatform.us/.default',
    MICROSOFT_POWER_PLATFORM_API_URL: 'https://api.appsplatform.us',
    MICROSOFT_POWER_PLATFORM_API_SCOPE: 'https://api.appsplatform.us/.default',
    MICROSOFT_GRAPH_URL: 'https://dod-graph.microsoft.us',
    MICROSOFT_GRAPH_SCOPE: 'https://dod-graph.microsoft.us/.default',
    MICROSOFT_LCS_URL: US_GOVERNMENT_LCS,
  },
  // Operated by 21Vianet.
  china: {
    MICROSOFT_AUTHORITY_HOST: 'https://login.chinacloudapi.cn',
    MICROSOFT_BAP_URL: 'https://api.bap.partner.microsoftonline.cn',
    MICROSOFT_BAP_SCOPE: 'https://service.powerapps.cn/.default',
    MICROSOFT_POWER_PLATFORM_API_URL: 'https://api.powerplatform.partner.microsoftonline.cn',
    MICROSOFT_POWER_PLATFORM_API_SCOPE: 'https://api.powerplatform.partner.microsoftonline.cn/.default',
    MICROSOFT_GRAPH_URL: 'https://microsoftgraph.chinacloudapi.cn',
    MICROSOFT_GRAPH_SCOPE: 'https://microsoftgraph.chinacloudapi.cn/.default',
    MICROSOFT_LCS_URL: 'https://lcsapi.lcs.dynamics.cn',
  },
};

function isCloud(value: unknown): value is MicrosoftCloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

/**
 * The raw settings with the cloud's hosts and scopes filled in wherever none is set. An unknown
 * MICROSOFT_CLOUD is left as it is, for the schema to report.
 */
export function withCloudDefaults(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const settings = raw as Record<string, unknown>;
  const cloud = typeof settings.MICROSOFT_CLOUD === 'string' ? settings.MICROSOFT_CLOUD.trim().toLowerCase() : 'public';
  if (!isCloud(cloud)) return raw;
  const filled: Record<string, unknown> = { ...settings, MICROSOFT_CLOUD: cloud };
  for (const [key, value] of Object.entries(CLOUD_SETTINGS[cloud])) {
    if (filled[key] === undefined || filled[key] === '') filled[key] = value;
  }
  return filled;
}
