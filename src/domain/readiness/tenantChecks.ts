import type { DirectoryUser, EntraAdminRole, Tenant } from '../model';
import { isQualifyingLicense } from '../licenses';
import { checkWith, fail, pass, unknown, warn, type CheckDefinition } from './checkBuilders';
import type { Fact, ReadinessCheck } from './readinessTypes';
import { megabytes, sizeBeside } from '../sizes';
import { listOf } from './wording';

// Prerequisites that hold for the whole tenant or the person, whichever Dataverse is chosen:
// database capacity, the environment-creation policy and the licence (docs/sources.md (b) P1–P4).

/** Setup refuses to start below this much free Dataverse database capacity. */
const REQUIRED_FREE_DATABASE_MB = 1024;
/** The integrated database tends to grow to about this size, so less free space than this is tight. */
const COMFORTABLE_FREE_DATABASE_MB = 3072;

/**
 * The tenant's figures as the check compares them: a rounded size only where rounding cannot move it
 * across 1 GB or 3 GB (990 MB is never "1.0 GB"), and the exact megabytes beside it.
 */
function capacityFigures(tenant: string, entitledMb: number, consumedMb: number): string {
  const freeMb = entitledMb - consumedMb;
  const exact = `${megabytes(entitledMb)} entitled, ${megabytes(consumedMb)} used`;
  if (freeMb < 0) return `${tenant} has no Dataverse database capacity free: ${megabytes(-freeMb)} more is used than entitled (${exact})`;
  const shown = sizeBeside(freeMb, [REQUIRED_FREE_DATABASE_MB, COMFORTABLE_FREE_DATABASE_MB]);
  const exactFree = shown === megabytes(freeMb) ? '' : `${megabytes(freeMb)}: `;
  return `${tenant} has ${shown} of Dataverse database capacity free (${exactFree}${exact})`;
}

const CAPACITY: CheckDefinition = { id: 'capacity', title: 'Free Dataverse database capacity' };
const GOVERNANCE: CheckDefinition = { id: 'governance', title: 'Permission to create environments' };
const LICENSE: CheckDefinition = { id: 'license', title: 'Qualifying Dynamics 365 licence' };

export function capacityCheck(tenant: Fact<Tenant>): ReadinessCheck {
  return checkWith(CAPACITY, [tenant], (t) => {
    const { entitledMb, consumedMb } = t.capacity.database;
    const freeMb = entitledMb - consumedMb;
    const figures = capacityFigures(t.displayName, entitledMb, consumedMb);
    const growth = 'the integrated database usually ends up at 3 GB or more';
    const noSandboxCapacity = 'Extra LCS sandbox environments do not add any Dataverse capacity.';
    if (freeMb < REQUIRED_FREE_DATABASE_MB) {
      return fail(
        `${figures}; setup needs at least 1 GB free and ${growth}.`,
        ['Power Platform admin', 'License admin'],
        `Get at least 1 GB (1024 MB) free, better 3 GB: delete environments or data nobody needs, or buy database capacity add-ons. ${noSandboxCapacity}`,
      );
    }
    if (freeMb < COMFORTABLE_FREE_DATABASE_MB) {
      return warn(
        `${figures}: enough for the 1 GB setup needs, but ${growth}.`,
        ['Power Platform admin', 'License admin'],
        `Setup can go ahead; plan now to free space or add database capacity so about 3 GB stays free as the database grows. ${noSandboxCapacity}`,
      );
    }
    return pass(`${figures}, above the 1 GB setup needs and the 3 GB the integrated database tends to reach.`);
  });
}

const ADMIN_ROLE_NAMES: Record<EntraAdminRole, string> = {
  GlobalAdministrator: 'Global administrator',
  Dynamics365Administrator: 'Dynamics 365 administrator',
  PowerPlatformAdministrator: 'Power Platform administrator',
};

export function governanceCheck(tenant: Fact<Tenant>, user: Fact<DirectoryUser>): ReadinessCheck {
  return checkWith(GOVERNANCE, [tenant], (t) => {
    if (!t.environmentCreationRestrictedToAdmins) {
      return pass(`${t.displayName} lets any licensed user create environments, so setup needs no admin role.`);
    }
    if (!user.known) return unknown(user.reason);
    const held = user.value.entraRoles.filter((role) => Object.hasOwn(ADMIN_ROLE_NAMES, role)).map((role) => ADMIN_ROLE_NAMES[role]);
    if (held.length > 0) {
      return pass(`Only admins may create environments in ${t.displayName}, and ${user.value.displayName} is ${listOf(held)}.`);
    }
    return fail(
      `Only admins may create environments in ${t.displayName}, and ${user.value.displayName} is neither Global administrator, Dynamics 365 administrator nor Power Platform administrator.`,
      ['Global admin'],
      `Give ${user.value.displayName} the Dynamics 365 administrator or Power Platform administrator role for the setup, and take it away again once the link is in place.`,
    );
  });
}

export function licenseCheck(user: Fact<DirectoryUser>): ReadinessCheck {
  return checkWith(LICENSE, [user], (u) => {
    const qualifying = u.licenses.filter(isQualifyingLicense);
    if (qualifying.length > 0) return pass(`${u.displayName} holds ${listOf(qualifying)}.`);
    const held = u.licenses.length > 0 ? `holds ${listOf(u.licenses)}, none of which` : 'holds no licence, and nothing';
    return fail(
      `${u.displayName} ${held} lets a person set up the integration.`,
      ['License admin'],
      `Assign ${u.displayName} Dynamics 365 Unified Operations Plan, AX Enterprise or a finance and operations app licence (Finance, Supply Chain Management, Commerce, Project Operations or Human Resources).`,
    );
  });
}
