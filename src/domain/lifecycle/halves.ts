import type { FnoEnvironment, FnoEnvironmentType, PowerPlatformEnvironment } from '../model';

// The two halves of the environment a question is about, as LCS and PPAC report them now. Rules
// name each half with the type read from here, never with a type they assume, so a plan can call
// a sandbox a sandbox only when the world says so.

export type FnoHalf = Pick<FnoEnvironment, 'name' | 'type' | 'sandboxTier' | 'cloudHosted' | 'azureRegion'>;
export type PpHalf = Pick<PowerPlatformEnvironment, 'displayName' | 'sku' | 'hasDataverse' | 'geography' | 'isInitialEnvironment' | 'linkedApp'>;

/** "production", "sandbox, tier 4", "development/test", "cloud-hosted". */
export function fnoTypeWords(fno: Pick<FnoHalf, 'type' | 'sandboxTier' | 'cloudHosted'>): string {
  if (fno.cloudHosted) return 'cloud-hosted';
  if (fno.type === 'Production') return 'production';
  if (fno.type === 'Sandbox') return fno.sandboxTier ? `sandbox, tier ${fno.sandboxTier}` : 'sandbox';
  return 'development/test';
}

/** "Dataverse sandbox", "Dataverse production", "production, no Dataverse". */
export function ppTypeWords(pp: Pick<PpHalf, 'sku' | 'hasDataverse'>): string {
  const sku = String(pp.sku).toLowerCase();
  return pp.hasDataverse ? `Dataverse ${sku}` : `Power Platform ${sku}, no Dataverse`;
}

/** "contoso-uat (F&O sandbox, tier 2)"; `fallback` when the half is not known. */
export function fnoLabel(fno: FnoHalf | null | undefined, fallback = 'the F&O environment'): string {
  return fno ? `${fno.name} (F&O ${fnoTypeWords(fno)})` : fallback;
}

/** "Contoso UAT (Dataverse sandbox)"; `fallback` when the half is not known. */
export function ppLabel(pp: PpHalf | null | undefined, fallback = 'the Dataverse environment'): string {
  return pp ? `${pp.displayName} (${ppTypeWords(pp)})` : fallback;
}

export function isProductionSku(pp: Pick<PpHalf, 'sku'>): boolean {
  return pp.sku === 'Production';
}

/** The F&O type of the environment acted on: read from the half when known, else as the caller gave it. */
export function fnoTypeOf(context: { fno?: FnoHalf | null; fnoType?: FnoEnvironmentType }): FnoEnvironmentType | undefined {
  return context.fno?.type ?? context.fnoType;
}
