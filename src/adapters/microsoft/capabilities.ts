import { WHERE } from '../../domain/lifecycle/planSteps';
import type { Capabilities } from '../../domain/model';
import { RESUME_WHERE, SETUP_WHERE } from './operations/setupWatch';

// What the public APIs let the adapter do (docs/sources.md, "What can be automated"). The PPI setup
// and its Resume have no API: a person presses them in LCS while the adapter watches for the result.
// Point-in-time restore and database import exist only in the LCS portal. Backup, restore and copy
// run through BAP or the Power Platform API; database export and refresh through LCS, on behalf of
// the signed-in person.

export const MICROSOFT_CAPABILITIES: Capabilities = {
  IntegrationSetup: { automated: false, manualWhere: SETUP_WHERE },
  ResumeIntegrationSetup: { automated: false, manualWhere: RESUME_WHERE },
  PowerPlatformBackup: { automated: true },
  PowerPlatformRestore: { automated: true },
  PowerPlatformCopy: { automated: true },
  LcsDatabaseExport: { automated: true },
  LcsDatabaseRefresh: { automated: true },
  LcsPointInTimeRestore: { automated: false, manualWhere: WHERE.lcsPointInTimeRestore },
  LcsDatabaseImport: { automated: false, manualWhere: WHERE.lcsImport },
};
