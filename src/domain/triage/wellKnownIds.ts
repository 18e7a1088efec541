// Identifiers that mean the same thing in every tenant. The normaliser masks other GUIDs, so these
// must stay readable for the matcher (docs/sources.md (g) F06, F09, F18; docs/sources.md, API §2.3).

export const WELL_KNOWN_APP_IDS = {
  /** Dual-write app that F&O must trust (F06). */
  dualWriteApp1: '6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452',
  /** Second dual-write app that F&O must trust (F06). */
  dualWriteApp2: '2e49aa60-1bd3-43b6-8ab6-03ada3d9f08b',
  /** App that needs tenant admin consent before dual-write setup (F09). */
  dualWriteConsentApp: '33976c19-1db5-4c02-810e-c243db79efde',
  /** Default F&O Entra application "PowerPlatformApplication" (F18). */
  powerPlatformApplication: '61a0518c-121a-421a-9ad6-f0955a88be43',
  /** Default F&O Entra application "PowerPlatRuntimeApp" (F18). */
  powerPlatRuntimeApp: 'f1752846-f0df-4766-96f5-c109adf67d7f',
} as const;

/** Dataverse System administrator role template, the same in every environment. */
export const SYSTEM_ADMINISTRATOR_ROLE_TEMPLATE_ID = '627090ff-40a3-4053-8790-584edc5be201';

export const KEPT_GUIDS: ReadonlySet<string> = new Set([
  ...Object.values(WELL_KNOWN_APP_IDS),
  SYSTEM_ADMINISTRATOR_ROLE_TEMPLATE_ID,
]);
