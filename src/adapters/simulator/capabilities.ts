import type { Capabilities } from '../../domain/model';

// The simulator plays LCS as well as the Power Platform admin center, so it also runs the PPI setup
// that the Microsoft adapter can only watch for. Point-in-time restore and database import exist only
// in the LCS web UI, so the simulator leaves them manual too: the bot must be able to guide a person
// through them either way.
export const SIMULATOR_CAPABILITIES: Capabilities = {
  IntegrationSetup: { automated: true },
  ResumeIntegrationSetup: { automated: true },
  PowerPlatformBackup: { automated: true },
  PowerPlatformRestore: { automated: true },
  PowerPlatformCopy: { automated: true },
  LcsDatabaseExport: { automated: true },
  LcsDatabaseRefresh: { automated: true },
  LcsPointInTimeRestore: {
    automated: false,
    manualWhere: 'LCS › Environment details › Maintain › Move database › Point-in-time restore',
  },
  LcsDatabaseImport: {
    automated: false,
    manualWhere: 'LCS › Environment details › Maintain › Move database › Import database (bacpac from the asset library)',
  },
};
