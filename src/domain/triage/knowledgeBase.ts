import { OPERATION_KINDS, STAGE_NAMES } from '../model';
import type { KnowledgeEntry } from './types';
import { guidPrefix, SYSTEM_ADMINISTRATOR_ROLE_TEMPLATE_ID, WELL_KNOWN_APP_IDS } from './wellKnownIds';

// The helpdesk knowledge base: one entry per cause, covering every row of the failure catalog
// (domain.md (g), F01–F30; catalogRefs keep the ids). F01 ("setup failed, usually licensing or
// capacity") is split by prerequisite (domain.md (b)) because each has its own owner and fix and the
// setup's Validate stage reports them separately; a broad F01 entry remains for the bare message.
// Two entries come from elsewhere in the references: a stalled operation ((c), durations) and a
// verification call sent to the wrong URL ((d)).
//
// Signals are written for text nobody has seen yet: codes and identifiers first, then groups of
// interchangeable words (see PhraseSignal), never whole sentences. The normaliser folds spellings
// (dual-write → dualwrite, finance and operations → fno, power platform integration → ppi, Power
// Platform admin center → ppac, lifecycle services → lcs, set up → setup, isn't → is not).

const LICENCE = ['licen*', 'entitlement*', 'subscription*'];
const FAILED = ['fail*', 'error*', 'unable', 'could not', 'can not', 'unsuccessful', 'did not complete', 'not complete*', 'stopped'];
const NEGATED = ['not', 'no', 'missing', 'without', 'lack*', 'neither', 'nor', 'none', 'need*', 'require*', 'must'];
const EVERY_STAGE = STAGE_NAMES;
const POWER_PLATFORM_KINDS = ['IntegrationSetup', 'Backup', 'Restore', 'Copy'] as const;
const ALL_KINDS = OPERATION_KINDS;

const RESUME_IN_LCS = 'Press Resume in LCS › Environment details › Power Platform integration.';

/** Entries that explain a failed PPI setup more precisely than the bare F01 message. */
const SETUP_SPECIFIC = [
  'insufficient-capacity',
  'setup-licence-missing',
  'admin-role-required',
  'lcs-role-missing',
  'wrong-tenant-account',
  'geography-mismatch',
  'target-already-linked',
  'system-admin-role-missing',
  'role-cache-delay',
  'operation-not-startable',
  'provisioning-vanished',
  'provision-instance-bad-gateway',
  'operation-stalled',
];

export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = [
  {
    id: 'setup-failed',
    catalogRefs: ['F01'],
    title: 'PPI setup failed without a stated cause',
    cause:
      'LCS stopped the Power Platform integration setup and showed only a general failure. Most of the time the tenant is short of Dataverse database capacity, or the account that ran setup lacks a qualifying licence or an admin role.',
    fixOwners: ['License admin', 'Power Platform admin'],
    steps: [
      'In PPAC › Resources › Capacity, check that at least 1 GB of Dataverse database capacity is free.',
      'Check that the account that ran setup holds Dynamics 365 Finance, Supply Chain Management, Commerce, Project Operations, Human Resources, the Unified Operations Plan or AX Enterprise.',
      'If only admins may create environments in the tenant, check that the account is a Power Platform Administrator or a Dynamics 365 Administrator.',
      `Fix what is missing. ${RESUME_IN_LCS}`,
      'If it fails again with no detail, collect the LCS and Power Platform environment ids, the tenant id and the time of the failure for Microsoft support.',
    ],
    resumeApplies: true,
    related: ['readiness', 'setup', 'support-handoff'],
    signals: {
      phrases: [
        { groups: [['ppi', 'power platform', 'dataverse'], ['setup', 'ppi', 'integrat*', 'provision*'], FAILED], weight: 4, window: 12 },
        { groups: [['resume'], ['fail*', 'error*'], ['setup', 'ppi', 'integrat*', 'lcs', 'fasttab', 'environment details']], weight: 3 },
        { groups: [['lcs', 'fasttab', 'environment details', '{url-lcs}'], ['ppi', 'power platform']], weight: 2 },
        { groups: [['power platform environment setup', 'environment setup', 'ppi setup', 'integration setup', 'ppi'], FAILED], weight: 3, window: 10 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: EVERY_STAGE,
    supportedBy: [],
    contradictedBy: [],
    yieldsTo: SETUP_SPECIFIC,
  },
  {
    id: 'insufficient-capacity',
    catalogRefs: ['F01', 'F02', 'P1'],
    title: 'Not enough Dataverse database capacity',
    cause:
      'Setup needs at least 1 GB of free Dataverse database capacity in the tenant and less is available. The same check stops environment creation, copies and restores. The integrated database often grows beyond 3 GB later, so leave room.',
    fixOwners: ['Power Platform admin', 'License admin'],
    steps: [
      'In PPAC › Resources › Capacity, compare the database capacity in use with what the tenant is entitled to.',
      'Free at least 1 GB: delete environments nobody uses, or remove data that is no longer needed.',
      'Or have a licence admin buy Dataverse database capacity add-ons. Extra LCS sandboxes bring no extra capacity.',
      `${RESUME_IN_LCS} For a copy or restore in PPAC, start it again.`,
    ],
    resumeApplies: true,
    related: ['readiness', 'setup'],
    signals: {
      codes: [
        { value: 'InsufficientCapacity_StorageDriven', weight: 10 },
        { value: 'InsufficientCapacity', weight: 8 },
      ],
      phrases: [
        {
          groups: [
            ['capacity', 'storage', 'space', 'quota'],
            ['database', 'dataverse', 'db'],
            [
              'insufficient',
              'not enough',
              'not have enough',
              'at least',
              'exceed*',
              'below',
              'less than',
              'short',
              'out of',
              'run out',
              'ran out',
              'running out',
              'low',
              'full',
              'requires',
              'lack*',
              'no more',
              'no free',
              'over',
              'exhausted',
              'used up',
              'maxed',
              'sufficient',
              'limit*',
              'reached',
            ],
          ],
          weight: 6,
          window: 20,
        },
        { groups: [['1 gb', '1 gigabyte', '1024 mb'], ['capacity', 'storage', 'space', 'free', 'available']], weight: 4, window: 15 },
        { groups: [['capacity', 'storage'], ['add on', 'addon', 'buy', 'purchase', 'free up']], weight: 1, window: 15 },
      ],
    },
    operationKinds: ['IntegrationSetup', 'Copy', 'Restore'],
    stages: ['Validate'],
    supportedBy: ['capacity-short'],
    contradictedBy: ['capacity-enough'],
  },
  {
    id: 'setup-licence-missing',
    catalogRefs: ['F01', 'P4'],
    title: 'Setup account has no qualifying licence',
    cause:
      'The account that ran setup holds none of the licences that allow PPI setup: Dynamics 365 Finance, Supply Chain Management, Commerce, Project Operations, Human Resources, the Unified Operations Plan or AX Enterprise.',
    fixOwners: ['License admin'],
    steps: [
      'In the Microsoft 365 admin center › Users › Active users, open the account that ran setup and assign one of the qualifying licences.',
      'Ask that person to confirm it appears under myaccount.microsoft.com › Subscriptions.',
      RESUME_IN_LCS,
    ],
    resumeApplies: true,
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'DynamicsEntitlementMissing', weight: 8 }],
      phrases: [
        {
          groups: [
            LICENCE,
            ['no', 'not', 'missing', 'without', 'lack*', 'required', 'need*', 'unlicensed', 'assign*', 'expired', 'none'],
            ['dynamics 365', 'd365', 'unified operations', 'ax enterprise', 'finance', 'supply chain', 'fno', 'qualifying', 'valid'],
          ],
          weight: 6,
          window: 20,
        },
        { groups: [LICENCE, ['user', 'account', 'person', 'setup', 'ppi', 'integrat*', 'resume', 'lcs']], weight: 2, window: 10 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['requester-unlicensed'],
    contradictedBy: ['requester-licensed'],
    yieldsTo: ['dual-write-power-apps-licence', 'fnopackage-privilege'],
  },
  {
    id: 'admin-role-required',
    catalogRefs: ['F01', 'P2', 'P3'],
    title: 'Only admins may create environments in this tenant',
    cause:
      'A tenant setting limits environment creation to admins, and the account that ran setup is neither a Power Platform Administrator nor a Dynamics 365 Administrator.',
    fixOwners: ['Global admin'],
    steps: [
      'In PPAC › Settings, check who may create production and sandbox environments.',
      'Have a Global admin give the setup account the Power Platform Administrator or Dynamics 365 Administrator role in Microsoft Entra ID. It can be taken away again once setup has finished.',
      RESUME_IN_LCS,
    ],
    resumeApplies: true,
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'EnvironmentCreationRestrictedToAdmins', weight: 10 }],
      identifiers: [{ value: 'disableEnvironmentCreationByNonAdminUsers', weight: 5 }],
      phrases: [
        {
          groups: [
            ['only admin*', 'restricted', 'restrict*', 'limited to admin*', 'non admin*', 'not an admin*', 'admins only'],
            ['environment*', 'creat*'],
          ],
          weight: 4,
          window: 12,
        },
        {
          groups: [
            ['power platform admin*', 'dynamics 365 admin*', 'd365 admin*', 'dynamics 365 service admin*', 'global admin*'],
            ['role', 'assign*', 'need*', 'require*', 'not', 'neither', 'must', 'only', 'allowed', 'permitted'],
          ],
          weight: 3,
          window: 15,
        },
        {
          groups: [['create', 'creation', 'creating'], ['environment*'], ['admin*'], ['only', 'restrict*', 'limited', 'allowed', 'permission*', 'not']],
          weight: 3,
          window: 15,
        },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['requester-lacks-admin-role'],
    contradictedBy: ['requester-may-create-environments'],
  },
  {
    id: 'lcs-role-missing',
    catalogRefs: ['F01', 'P5', 'P8'],
    title: 'Setup account is not Project Owner or Environment Manager in LCS',
    cause:
      'Only a Project Owner or an Environment Manager of the LCS project may run PPI setup, and the account that ran it has a lesser role in that project, or none.',
    fixOwners: ['LCS project owner'],
    steps: [
      'In LCS › Project settings › Users, look up the role of the account that ran setup.',
      'Have a Project Owner make it Environment Manager or Project Owner; the account must have accepted the project invitation.',
      'Start setup again with that account, or press Resume if LCS offers it.',
    ],
    resumeApplies: 'unverified',
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'LcsProjectRoleMissing', weight: 10 }],
      phrases: [
        {
          groups: [['project owner', 'environment manager', 'environment admin*'], ['lcs', 'project', 'role'], NEGATED],
          weight: 6,
          window: 15,
        },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['requester-lacks-lcs-role'],
    contradictedBy: ['requester-has-lcs-role'],
  },
  {
    id: 'wrong-tenant-account',
    catalogRefs: ['P9'],
    title: 'Signed in with an account of another tenant',
    cause:
      'Setup was run with an account from a different Microsoft Entra tenant (a partner tenant, for example) than the one that owns the LCS project.',
    fixOwners: ['Requester'],
    steps: [
      'Sign out of LCS and sign in again with an account of the tenant that owns the LCS project.',
      'Check that this account has the licence and roles setup needs.',
      'Start setup again with it.',
    ],
    resumeApplies: 'unverified',
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'UserTenantMismatch', weight: 10 }],
      phrases: [
        {
          groups: [
            ['tenant', 'directory'],
            ['different', 'another', 'other', 'partner', 'mismatch', 'not match', 'belongs to', 'wrong', 'foreign', 'guest'],
            ['sign*', 'account', 'user', 'login', 'logged'],
          ],
          weight: 6,
          window: 20,
        },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['requester-other-tenant'],
    contradictedBy: ['requester-same-tenant'],
  },
  {
    id: 'geography-mismatch',
    catalogRefs: ['P6'],
    title: 'Dataverse environment is in another geography',
    cause:
      "An existing Dataverse environment can only be linked when it sits in the geography of the F&O environment's Azure region (West US needs United States, for example). An environment's geography cannot be changed.",
    fixOwners: ['Power Platform admin'],
    steps: [
      "Compare the F&O environment's Azure region (LCS environment details) with the Dataverse environment's region in PPAC.",
      'Pick, or create, a Dataverse environment in the matching geography.',
      'Start setup again with that environment.',
    ],
    resumeApplies: false,
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'GeographyMismatch', weight: 10 }],
      phrases: [
        {
          groups: [
            ['geograph*', 'region*', 'location*', 'geo'],
            ['same', 'match*', 'mismatch', 'differ*', 'another', 'other', 'not supported'],
            ['dataverse', 'environment*', 'fno', 'ppi', 'power platform'],
          ],
          weight: 6,
          window: 20,
        },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'target-already-linked',
    catalogRefs: ['P11'],
    title: 'Dataverse environment already linked to another F&O environment',
    cause:
      'The chosen Dataverse environment already has a PPI link to a different F&O environment. A link joins exactly one F&O environment to one Dataverse environment and can be neither undone nor moved.',
    fixOwners: ['LCS project owner', 'Microsoft support'],
    steps: [
      'Do not try to remove the existing link: it cannot be undone, and unlinking would lose data.',
      'Choose another Dataverse environment, or let setup create a new one, and start setup again.',
      'If the existing link is itself a mistake, involve Microsoft support: the only way out is redeploying the F&O environment.',
    ],
    resumeApplies: false,
    related: ['verify', 'setup'],
    signals: {
      codes: [{ value: 'EnvironmentAlreadyLinked', weight: 10 }],
      phrases: [
        {
          groups: [
            ['already'],
            ['linked', 'integrated', 'connected', 'associated', 'paired', 'link*'],
            ['fno', 'environment*', 'dataverse', '{url-fno}', 'another', 'other', 'different'],
          ],
          weight: 6,
          window: 15,
        },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['target-linked-elsewhere'],
    contradictedBy: ['target-free'],
  },
  {
    id: 'system-admin-role-missing',
    catalogRefs: ['P7'],
    title: 'Setup account is not System Administrator in the Dataverse environment',
    cause:
      'Linking an existing Dataverse environment needs the setup account to hold the System Administrator security role in that environment, and it does not.',
    fixOwners: ['Dataverse system administrator', 'Power Platform admin'],
    steps: [
      'In PPAC › Environments › the environment › Settings › Users + permissions › Users, give the setup account the System Administrator role.',
      'Wait up to an hour: setup validation can keep using the old list of roles for that long.',
      'Start setup again, or press Resume if LCS offers it.',
    ],
    resumeApplies: 'unverified',
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'SystemAdministratorRoleMissing', weight: 10 }],
      identifiers: [{ value: guidPrefix(SYSTEM_ADMINISTRATOR_ROLE_TEMPLATE_ID), weight: 4 }],
      phrases: [
        { groups: [['system admin*', 'sysadmin'], ['not', 'missing', 'lack*', 'need*', 'require*', 'must', 'no', 'without']], weight: 5, window: 15 },
        { groups: [['system admin*', 'sysadmin'], ['dataverse', 'environment', 'security role', 'role']], weight: 2, window: 15 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['system-admin-role-missing'],
    contradictedBy: ['system-admin-role-recent', 'system-admin-role-settled'],
    yieldsTo: ['role-cache-delay'],
  },
  {
    id: 'role-cache-delay',
    catalogRefs: ['F04', 'P7'],
    title: 'New System Administrator role not honoured yet',
    cause:
      "The System Administrator role was given only recently. Setup validation can keep using a cached copy of the account's roles for up to an hour, so it still rejects the account.",
    fixOwners: ['Requester'],
    steps: [
      'Check when the role was assigned.',
      'Wait until at least an hour has passed since then.',
      'Start setup again, or press Resume if LCS offers it.',
    ],
    resumeApplies: 'unverified',
    related: ['readiness', 'setup'],
    signals: {
      codes: [{ value: 'SystemAdministratorRoleNotEffectiveYet', weight: 10 }],
      phrases: [
        {
          groups: [
            ['system admin*', 'sysadmin', 'role'],
            ['just', 'recent*', 'newly', 'ago', 'an hour', '1 hour', 'one hour', 'cache*', 'not yet', 'up to', 'still', 'earlier today'],
            ['assign*', 'granted', 'added', 'gave', 'given', 'count', 'honou*', 'effective', 'reject*', 'fail*', 'valid*', 'recogni*'],
          ],
          weight: 6,
          window: 20,
        },
        { groups: [['system admin*', 'sysadmin'], ['assign*', 'granted', 'added', 'gave', 'given']], weight: 2, window: 12 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Validate'],
    supportedBy: ['system-admin-role-recent'],
    contradictedBy: ['system-admin-role-settled'],
    passesWithTime: true,
  },
  {
    id: 'not-integrated',
    catalogRefs: ['F03'],
    title: 'Dataverse environment is not linked to F&O',
    cause:
      'The verification call (RetrieveFinanceAndOperationsIntegrationDetails) says this Dataverse environment has no PPI link: setup was never run, has not finished, or linked a different Dataverse environment.',
    fixOwners: ['LCS project owner'],
    steps: [
      'Check that the Dataverse environment you verified (its org URL) is the one you meant.',
      'In LCS › Environment details › Power Platform integration, read the status: run Setup if it was never done, wait while it is in progress, press Resume if it failed.',
      'Verify again once LCS reports that setup completed.',
    ],
    resumeApplies: false,
    related: ['verify', 'setup'],
    signals: {
      codes: [
        { value: '0x80048d0b', weight: 10 },
        { value: '-2147185397', weight: 10 },
      ],
      identifiers: [{ value: 'RetrieveFinanceAndOperationsIntegrationDetails', weight: 3 }],
      phrases: [
        {
          groups: [
            [
              'not integrated',
              'not linked',
              'not connected',
              'not yet integrated',
              'not yet linked',
              'not been integrated',
              'not been linked',
              'no longer integrated',
              'no longer linked',
              'no link',
              'unlinked',
            ],
            ['fno', 'dataverse'],
          ],
          weight: 6,
          window: 12,
        },
      ],
      // The same code also means "Dataverse search is disabled" and other invalid arguments.
      against: [{ groups: [['search'], ['disabled', 'not enabled', 'turned off', 'off']], weight: 8, window: 10 }],
    },
    operationKinds: [],
    stages: [],
    supportedBy: ['link-missing'],
    contradictedBy: ['link-in-place'],
  },
  {
    id: 'dual-write-mismatch',
    catalogRefs: ['F05', 'P12'],
    title: 'Dual-write points at another Dataverse environment than PPI',
    cause:
      'Dual-write on this F&O environment is connected to one Dataverse environment while PPI links (or is meant to link) another. LCS warns because both should be the same environment.',
    fixOwners: ['Dual-write owner', 'LCS project owner'],
    steps: [
      'If PPI is not set up yet: run setup with "Use a different Power Platform environment" and choose the Dataverse environment dual-write already uses.',
      'If PPI is set up: stop every dual-write map, then use Reset in the dual-write workspace and choose the Dataverse environment linked through PPI.',
      'Start the maps again and check that they sync.',
    ],
    resumeApplies: false,
    related: ['dual-write', 'setup'],
    signals: {
      phrases: [
        {
          groups: [
            ['dualwrite'],
            ['differ*', 'another', 'other', 'mismatch*', 'not the same', 'does not match'],
            ['destination', 'environment*', 'target', 'dataverse'],
            ['ppi', 'power platform', 'lcs'],
          ],
          weight: 7,
          window: 35,
        },
        { groups: [['linking mismatch', 'link mismatch', 'mismatch*'], ['dualwrite', 'ppi']], weight: 3, window: 15 },
        { groups: [['linked', 'connected', 'pointing', 'points'], ['via dualwrite', 'through dualwrite', 'to dualwrite', 'dualwrite']], weight: 2, window: 6 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'dual-write-apps-not-trusted',
    catalogRefs: ['F06'],
    title: 'Dual-write apps are not registered in F&O',
    cause:
      'F&O does not trust the dual-write applications, so dual-write cannot connect with its service principal. The registrations were not made while LCS provisioned the environment, or were removed later.',
    fixOwners: ['F&O system administrator'],
    steps: [
      'In F&O, open System administration › Setup › Microsoft Entra ID applications.',
      `Add the client ids ${WELL_KNOWN_APP_IDS.dualWriteApp1} and ${WELL_KNOWN_APP_IDS.dualWriteApp2} if either is missing.`,
      'Try the dual-write connection again.',
    ],
    resumeApplies: 'unverified',
    related: ['dual-write'],
    signals: {
      codes: [{ value: 'DW9003', weight: 10 }],
      identifiers: [
        { value: guidPrefix(WELL_KNOWN_APP_IDS.dualWriteApp1), weight: 10 },
        { value: guidPrefix(WELL_KNOWN_APP_IDS.dualWriteApp2), weight: 10 },
      ],
      phrases: [
        { groups: [['connect*'], ['crm', 'ax', 'fno', 'dataverse'], ['fail*', 'unable', 'could not', 'can not']], weight: 4, window: 10 },
        { groups: [['service principal', 'spn'], ['permission*', 'access', 'authori*']], weight: 3, window: 12 },
        { groups: [['dualwrite'], ['entra', 'application*', 'client id*', 'app id*']], weight: 2, window: 15 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'too-many-legal-entities',
    catalogRefs: ['F07'],
    title: 'Too many legal entities linked for dual-write',
    cause:
      'Registering the dual-write plug-ins creates one partition per linked legal entity, and about 250 is the limit. More legal entities are linked than that.',
    fixOwners: ['Dual-write owner'],
    steps: [
      'Count the legal entities selected in the dual-write environment link.',
      'Unlink the ones that do not need dual-write, so fewer than about 250 remain.',
      'Run the link (plug-in registration) again.',
    ],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      phrases: [
        { groups: [['maximum', 'max', 'limit*', 'exceed*'], ['partition*'], ['map*', 'allowed']], weight: 7, window: 12 },
        { groups: [['legal entit*', 'compan*'], ['250', 'too many', 'more than', 'limit*', 'maximum']], weight: 3, window: 12 },
        { groups: [['legal entit*', 'compan*'], ['dualwrite'], ['plugin*', 'plug', 'registration', 'register*', 'link*']], weight: 3, window: 15 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'duplicate-company-names',
    catalogRefs: ['F08'],
    title: 'Duplicate or blank company names in Dataverse',
    cause:
      'Saving the dual-write connection set failed because two rows of the Dataverse company table (cdm_company) share a name, or a row has no name.',
    fixOwners: ['Dual-write owner', 'Dataverse system administrator'],
    steps: [
      'In Dataverse, open the Company table (cdm_company) and sort it by name.',
      'Give every company a unique name, and fill in any that are blank.',
      'Save the connection set again.',
    ],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      identifiers: [{ value: 'cdm_company', weight: 8 }],
      phrases: [
        { groups: [['same key'], ['already'], ['added', 'exists', 'present']], weight: 5, window: 12 },
        { groups: [['connection set*'], ['sav*', 'fail*', 'error*', 'creat*']], weight: 4, window: 12 },
        {
          groups: [['compan*'], ['duplicate*', 'blank', 'empty', 'same name', 'no name', 'missing name', 'share*', 'twice', 'unique']],
          weight: 3,
          window: 12,
        },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'dual-write-admin-consent',
    catalogRefs: ['F09'],
    title: 'Admin consent missing for the dual-write app',
    cause: `Dual-write setup calls the application ${WELL_KNOWN_APP_IDS.dualWriteConsentApp}, which needs admin consent for the whole tenant. Without it the call ends in 404 Not Found.`,
    fixOwners: ['Global admin'],
    steps: [
      `Have a Global admin grant tenant-wide admin consent to the application with client id ${WELL_KNOWN_APP_IDS.dualWriteConsentApp}.`,
      'Run the dual-write setup again.',
    ],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      identifiers: [{ value: guidPrefix(WELL_KNOWN_APP_IDS.dualWriteConsentApp), weight: 10 }],
      phrases: [
        { groups: [['404', 'not found'], ['dualwrite']], weight: 4, window: 30 },
        // .NET's wording for a failed call; the catalog knows it with 404 from dual-write setup.
        { groups: [['status code'], ['404', 'not found'], ['success', 'indicate']], weight: 6, window: 12 },
        { groups: [['consent*'], ['admin*', 'tenant', 'grant*']], weight: 3, window: 10 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'dual-write-power-apps-licence',
    catalogRefs: ['F10'],
    title: 'Dual-write setup account has no Power Apps licence',
    cause:
      'Setting up dual-write creates connections for the signed-in account. Without a licence that includes Power Apps this is refused with 403 Forbidden.',
    fixOwners: ['License admin'],
    steps: ['Give the account that sets up dual-write a licence that includes Power Apps.', 'Run the dual-write setup again with that account.'],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      phrases: [
        { groups: [['dualwrite'], ['403', 'forbidden']], weight: 5, window: 30 },
        { groups: [['power apps', 'powerapps'], LICENCE], weight: 3, window: 10 },
        { groups: [['setup', 'link*', 'connect*', 'enabl*'], ['dualwrite'], ['fail*', 'unable', 'error*', '403', 'forbidden']], weight: 2, window: 10 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'fno-not-discoverable',
    catalogRefs: ['F11'],
    title: 'F&O environment cannot be found from Dataverse',
    cause:
      'Dual-write could not find the F&O environment: it belongs to another Microsoft Entra tenant, or it is an older Microsoft-hosted environment that has not been updated.',
    fixOwners: ['LCS project owner'],
    steps: [
      'Check that the F&O environment and the Dataverse environment belong to the same tenant.',
      'If the F&O environment is an older Microsoft-hosted one, update it to a current version.',
      'Try the link again.',
    ],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      phrases: [
        {
          groups: [
            ['discover*', 'undiscoverable'],
            ['not', 'undiscoverable', 'unable', 'fail*', 'can not', 'could not'],
            ['fno', 'environment', '{url-fno-cloudhosted}', '{url-fno}'],
          ],
          weight: 6,
          window: 15,
        },
        { groups: [['{url-fno-cloudhosted}', '{url-fno}'], ['discover*', 'reach*', 'found']], weight: 2, window: 10 },
        { groups: [['another tenant', 'different tenant', 'other tenant', 'cross tenant', 'legacy']], weight: 2 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'dual-write-map-owner',
    catalogRefs: ['F12'],
    title: 'Only the dual-write owner may create maps',
    cause:
      'Creating a dual-write table map was refused with 401 Unauthorized: only the account that set up dual-write for this pair of environments may create maps.',
    fixOwners: ['Dual-write owner'],
    steps: ['Find out which account set up dual-write for this pair of environments.', 'Create the map with that account.'],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      phrases: [
        { groups: [['401', 'unauthori*'], ['map', 'maps', 'mapping*', 'table map*']], weight: 5, window: 20 },
        { groups: [['status code'], ['401', 'unauthori*']], weight: 2, window: 10 },
        { groups: [['dualwrite'], ['map', 'maps', 'mapping*']], weight: 2, window: 20 },
        { groups: [['only'], ['user', 'person', 'account'], ['setup', 'configured', 'created', 'enabled'], ['dualwrite']], weight: 3, window: 15 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'secureconfig-mismatch',
    catalogRefs: ['F13'],
    title: 'Dual-write settings copied over from another environment',
    cause:
      'A database copy or restore brought along dual-write runtime settings that still name the source Dataverse organisation, so dual-write finds a SecureConfig organisation that differs from the one it runs in.',
    fixOwners: ['Dataverse system administrator', 'Dual-write owner'],
    steps: [
      'Stop the dual-write maps.',
      'In the target Dataverse environment, delete the rows of the Dual Write Runtime Configurations table.',
      'In F&O, clear DualWriteProjectConfiguration, DualWriteProjectFieldConfiguration and BusinessEventsDefinition.',
      'Reset dual-write or link it again.',
    ],
    resumeApplies: false,
    related: ['dual-write', 'lifecycle'],
    signals: {
      identifiers: [
        { value: 'SecureConfig', weight: 9 },
        { value: 'DualWriteProjectConfiguration', weight: 6 },
        { value: 'DualWriteProjectFieldConfiguration', weight: 6 },
        { value: 'BusinessEventsDefinition', weight: 3 },
      ],
      phrases: [
        {
          groups: [['organization', 'organisation', 'org'], ['does not match', 'not match', 'mismatch', 'different', 'differs'], ['crm', 'dataverse', 'actual']],
          weight: 5,
          window: 20,
        },
        { groups: [['dualwrite runtime configuration*', 'runtime configuration*']], weight: 3 },
      ],
    },
    operationKinds: ['Copy', 'Restore', 'DatabaseRefresh', 'PointInTimeRestore'],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'environment-not-ready',
    catalogRefs: ['F14'],
    title: 'Unified F&O environment not ready yet',
    cause:
      'The request reached a unified (Dataverse-hosted) F&O environment that is still starting, updating or otherwise not ready.',
    fixOwners: ['Requester'],
    steps: [
      'Wait a few minutes and try again.',
      'Open the F&O URL of the environment; once it loads, retry.',
      'If it stays not ready for a long time, check its state in PPAC and open a support case.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      codes: [{ value: 'EnvironmentNotInReadyState', weight: 10 }],
      phrases: [
        { groups: [['environment', 'fno', 'instance'], ['not ready', 'not in ready', 'not in a ready', 'not yet ready', 'not in the ready']], weight: 6, window: 10 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
  },
  {
    id: 'uploader-package-failed',
    catalogRefs: ['F15'],
    title: 'Platform package msprov_fnouploadersolution failed to install',
    cause: 'While a unified F&O environment was being created, the installation of the platform package msprov_fnouploadersolution failed.',
    fixOwners: ['Power Platform admin', 'Microsoft support'],
    steps: [
      'Retry the installation (PPAC › the environment › Dynamics 365 apps), or create the environment again.',
      'If it fails again, open a support case with the environment id and the correlation ids of the failed installations.',
    ],
    resumeApplies: false,
    related: ['support-handoff'],
    signals: {
      identifiers: [{ value: 'msprov_fnouploadersolution', weight: 10 }],
      phrases: [
        { groups: [['install*'], ['application package', 'package', 'solution'], ['fail*', 'error*', 'unable']], weight: 3, window: 12 },
        { groups: [['fnouploader*', 'uploader*']], weight: 3 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'template-licence-missing',
    catalogRefs: ['F16'],
    title: 'No Dynamics 365 licence for the chosen template',
    cause:
      'Creating a Dataverse database with a Dynamics 365 app template (a unified F&O environment, or Project Operations, for example) needs the matching Dynamics 365 licences, and the tenant or the user does not have them.',
    fixOwners: ['License admin'],
    steps: [
      'Check which template was chosen and which product licence it needs; PPAC lists templates that lack an entitlement as disabled.',
      'Buy or assign that licence.',
      'Create the environment again.',
    ],
    resumeApplies: false,
    related: ['readiness'],
    signals: {
      codes: [{ value: 'DynamicsEntitlementMissing', weight: 8 }],
      phrases: [
        {
          groups: [
            LICENCE,
            ['create a database', 'create database', 'database with', 'creating a database', 'create the database', 'template*'],
            ['dynamics', 'app*', 'template*'],
          ],
          weight: 6,
          window: 20,
        },
        { groups: [['dynamics app', 'template*'], LICENCE], weight: 3, window: 15 },
        {
          groups: [['template*', 'd365 finops', 'project operations'], ['disabled', 'not available', 'greyed', 'grayed', 'entitlement*']],
          weight: 3,
          window: 12,
        },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'operation-not-startable',
    catalogRefs: ['F17', 'P13'],
    title: 'Another lifecycle operation is still running',
    cause:
      'The environment runs one lifecycle operation at a time. A backup, copy, restore or setup is still active on it, so the new one was refused (HTTP 409).',
    fixOwners: ['Requester'],
    steps: [
      "Find the running operation (PPAC › the environment › History, or ask the bot for the environment's operations).",
      'Wait until it has finished.',
      'Start your operation again.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      codes: [{ value: 'OperationNotStartable', weight: 10 }],
      phrases: [
        {
          groups: [
            ['active', 'another', 'running', 'in progress', 'pending', 'ongoing', 'existing', 'concurrent', 'current*'],
            ['lifecycle operation*', 'operation*'],
            ['environment*'],
          ],
          weight: 5,
          window: 15,
        },
        { groups: [['409', 'conflict'], ['operation*', 'environment*']], weight: 3, window: 15 },
        { groups: [['wait*'], ['finish*', 'complete*', 'done', 'end*'], ['operation*']], weight: 2, window: 15 },
        { groups: [['lifecycle operation*'], ['active', 'another', 'running', 'in progress', 'already']], weight: 2, window: 8 },
      ],
    },
    operationKinds: POWER_PLATFORM_KINDS,
    stages: [],
    supportedBy: ['other-operation-running'],
    contradictedBy: ['no-other-operation-running'],
    passesWithTime: true,
  },
  {
    id: 'default-apps-removed',
    catalogRefs: ['F18'],
    title: "F&O's default Power Platform apps were removed",
    cause:
      'F&O refuses calls from Dataverse because its two default Microsoft Entra applications for Power Platform, PowerPlatformApplication and PowerPlatRuntimeApp, were deleted from its list of Microsoft Entra ID applications.',
    fixOwners: ['F&O system administrator'],
    steps: [
      'In F&O, open System administration › Setup › Microsoft Entra ID applications.',
      `Add client id ${WELL_KNOWN_APP_IDS.powerPlatformApplication} (PowerPlatformApplication) and client id ${WELL_KNOWN_APP_IDS.powerPlatRuntimeApp} (PowerPlatRuntimeApp), both with User ID PowerPlatformApp.`,
      'Retry what failed (the virtual table, business event or app that reported it).',
    ],
    resumeApplies: false,
    related: ['verify'],
    signals: {
      identifiers: [
        { value: guidPrefix(WELL_KNOWN_APP_IDS.powerPlatformApplication), weight: 10 },
        { value: guidPrefix(WELL_KNOWN_APP_IDS.powerPlatRuntimeApp), weight: 10 },
        { value: 'PowerPlatformApplication', weight: 5 },
        { value: 'PowerPlatRuntimeApp', weight: 5 },
      ],
      phrases: [
        { groups: [['token'], ['obtained', 'acquired', 'issued', 'received', 'got'], ['rejected', 'not authori*', 'unauthori*', 'refused', 'denied']], weight: 5, window: 20 },
        { groups: [['rejected', 'not authori*', 'refused', 'denied'], ['fno']], weight: 3, window: 12 },
        { groups: [['delet*', 'remov*', 'missing'], ['powerplatformapplication', 'powerplatruntimeapp', 'powerplatformapp', 'default app*']], weight: 3, window: 12 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'fnopackage-privilege',
    catalogRefs: ['F19'],
    title: 'User lacks the prvCreatemsprov_fnopackage privilege',
    cause:
      'In a unified developer environment the user is unlicensed or exists only as a placeholder (stub) user, so Dataverse refuses the F&O package operation for want of the prvCreatemsprov_fnopackage privilege.',
    fixOwners: ['License admin', 'Microsoft support'],
    steps: [
      'Assign the user a licence that covers the environment.',
      'Retry. If it still fails, contact Microsoft support with the environment id, the user and the full error text.',
    ],
    resumeApplies: false,
    related: ['support-handoff'],
    signals: {
      identifiers: [{ value: 'prvCreatemsprov_fnopackage', weight: 10 }],
      phrases: [
        { groups: [['missing', 'lack*', 'does not have', 'without'], ['privilege*'], ['msprov*', 'fnopackage', 'package']], weight: 6, window: 10 },
        { groups: [['privilege*'], ['prv*']], weight: 2, window: 6 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'service-protection-throttling',
    catalogRefs: ['F20'],
    title: 'Throttled by service protection limits',
    cause:
      'Too many requests reached Dataverse, LCS or the Power Platform admin API in a short time, and the service asked the caller to slow down (HTTP 429).',
    fixOwners: ['The bot (automatic retry)'],
    steps: [
      "Nothing to do for the bot's own calls: it waits as long as Retry-After says and tries again.",
      'If your own script hit the limit, wait the Retry-After seconds and retry with growing pauses; spread the requests out.',
      'For reference: Dataverse allows per user 6,000 requests, 20 minutes of combined execution time and 52 concurrent requests in any 5 minutes; LCS environment metadata allows 6 calls per project per minute.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      codes: [
        { value: '0x80072322', weight: 10 },
        { value: '0x80072321', weight: 10 },
        { value: '0x80072326', weight: 10 },
        { value: '-2147015902', weight: 10 },
        { value: '-2147015903', weight: 10 },
        { value: '-2147015898', weight: 10 },
        { value: 'Throttled', weight: 6 },
      ],
      phrases: [
        { groups: [['429', 'too many requests', 'throttl*', 'rate limit*', 'ratelimit*', 'service protection', 'request limit*', 'api limit*']], weight: 3 },
        { groups: [['429'], ['too many requests']], weight: 3, window: 6 },
        {
          groups: [['429', 'too many requests', 'throttl*', 'rate limit*'], ['retry after', 'try again', 'exceeded', 'limit*', 'wait*', 'seconds']],
          weight: 3,
          window: 20,
        },
        {
          groups: [['number of requests', 'combined execution time', 'concurrent requests', 'execution time', 'requests'], ['exceed*'], ['limit*', 'time window']],
          weight: 6,
          window: 12,
        },
      ],
    },
    operationKinds: ALL_KINDS,
    stages: [],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
  },
  {
    id: 'lcs-database-operation-quota',
    catalogRefs: ['F21'],
    title: 'LCS limit of three database operations a day reached',
    cause:
      'Through its API, LCS allows three database operations (refresh, export…) per environment in 24 hours, counted from the start of the first. A fourth is refused, even though the HTTP status says 200.',
    fixOwners: ['Requester'],
    steps: [
      'Look up when the first of the last three database operations on this environment started.',
      'Wait until 24 hours after that moment, then start the operation again.',
      'Plan refreshes and exports so that no more than three fall within one day.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      codes: [{ value: 'QuotaExceeded', weight: 6 }],
      phrases: [
        { groups: [['maximum', 'max', 'limit*'], ['allowed', 'api operations', 'operations'], ['3', 'three']], weight: 7, window: 12 },
        { groups: [['issuccess'], ['false']], weight: 2, window: 4 },
        { groups: [['database operation*', 'refresh*', 'export*'], ['24 hours', '24 hour', 'per day', 'a day', '24h', 'daily', 'today']], weight: 3, window: 15 },
        {
          groups: [['3', 'three'], ['database operation*', 'refresh*', 'export*', 'api operations', 'operations'], ['used', 'reached', 'limit*', 'maximum', 'max', 'allowed', 'all', 'quota']],
          weight: 3,
          window: 10,
        },
      ],
    },
    operationKinds: ['DatabaseExport', 'DatabaseRefresh'],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
  },
  {
    id: 'provisioning-vanished',
    catalogRefs: ['F22'],
    title: 'Environment showed Preparing, then disappeared',
    cause:
      'PPAC listed the environment as Preparing while setup ran, and then it was gone. Provisioning failed inside the service; nothing in the tenant can repair it.',
    fixOwners: ['Microsoft support'],
    steps: [
      'Open a Microsoft support case.',
      'Include the environment name, the tenant id, the LCS environment id, when setup started and any correlation ids (the hand-off bundle collects them).',
    ],
    resumeApplies: false,
    related: ['support-handoff'],
    signals: {
      phrases: [
        {
          groups: [
            ['preparing', 'provisioning'],
            [
              'disappear*',
              'vanish*',
              'gone',
              'no longer',
              'missing',
              'not listed',
              'not visible',
              'not shown',
              'removed',
              'deleted',
              'not there',
              'can not find',
              'can not see',
              'not see',
              'anymore',
              'any more',
              'not in the list',
              'not appear*',
              'does not appear',
            ],
          ],
          weight: 6,
          window: 25,
        },
        { groups: [['environment*'], ['ppac', 'environment list', 'environments list']], weight: 1, window: 10 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Prepare', 'Run'],
    supportedBy: ['pp-environment-gone'],
    contradictedBy: ['pp-environment-present'],
  },
  {
    id: 'no-dual-write-environments',
    catalogRefs: ['F23'],
    title: 'Dual-write lists no environments (passing problem)',
    cause: 'The dual-write page says that no environments are enabled for dual-write although some are. This is a passing problem of the dual-write service.',
    fixOwners: ['Requester'],
    steps: ['Wait a while and reload the dual-write page.', 'If it lasts for hours, open a support case.'],
    resumeApplies: false,
    related: ['dual-write'],
    signals: {
      phrases: [{ groups: [['do not have any', 'no', 'any', 'none'], ['environments'], ['dualwrite']], weight: 7, window: 12 }],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
  },
  {
    id: 'che-certificate-missing',
    catalogRefs: ['F24'],
    title: 'Integration certificate missing on the cloud-hosted VM',
    cause:
      'On a cloud-hosted environment, the connection test to Dataverse cannot find the certificate it signs in with: the integration certificate was never installed on the VM.',
    fixOwners: ['Developer'],
    steps: [
      'On the VM, run New-D365EntraIntegration (d365fo.tools) to create and register the integration certificate.',
      'Run the connection test (Test-D365DataverseConnection) again.',
    ],
    resumeApplies: false,
    related: ['setup'],
    signals: {
      identifiers: [
        { value: 'Test-D365DataverseConnection', weight: 3 },
        { value: 'New-D365EntraIntegration', weight: 3 },
      ],
      phrases: [
        { groups: [['thumbprint*'], ['certificate*', 'cert']], weight: 5, window: 10 },
        { groups: [['can not find', 'could not find', 'not found', 'missing', 'find', 'found', 'no', 'unable'], ['thumbprint*']], weight: 3, window: 8 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'che-entra-app-missing',
    catalogRefs: ['F25'],
    title: 'F&O–Dataverse Entra app not configured on the cloud-hosted VM',
    cause:
      'The cloud-hosted F&O environment presented a token for the wrong audience: the Microsoft Entra app that connects it with Dataverse has not been configured on the VM.',
    fixOwners: ['Developer'],
    steps: [
      'Note: current documentation offers PPI for cloud-hosted environments only at deployment; the manual steps below come from an older revision.',
      'Register a multitenant app in the F&O tenant and create a client secret.',
      'Add it as an application user with the Finance and Operations Integration User role in the Dataverse environment.',
      'In F&O › Microsoft Entra ID applications, add the app with user PowerPlatformApp.',
      'Set the Infrastructure.CdsOrganizationUrl, CdsOrganizationId, DataverseCommunicationAadTenantId, DataverseCommunicationAppId and the encrypted secret in the AOS web.config, enable the BusinessEventsCDSIntegration flight, restart AOSService and test again.',
    ],
    resumeApplies: false,
    related: ['setup'],
    signals: {
      identifiers: [{ value: 'securityservice.operations365.dynamics.com', weight: 9 }],
      phrases: [
        { groups: [['expected aud', 'audience', 'aud'], ['{url-securityservice}', 'securityservice*', 'operations365']], weight: 6, window: 10 },
        { groups: [['expected', 'invalid', 'wrong'], ['aud', 'audience']], weight: 2, window: 4 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'linked-environment-protected',
    catalogRefs: ['F26'],
    title: 'Delete, reset or URL change refused on a linked environment',
    cause:
      'A Dataverse environment linked to F&O through PPI cannot be deleted, reset or given another URL in PPAC. This is by design: the link lasts as long as the F&O environment exists.',
    fixOwners: ['LCS project owner'],
    steps: [
      'To delete it: delete the F&O environment in LCS first. That removes the link, and PPAC can then delete the Dataverse environment.',
      'A reset is not offered for linked environments; use a copy or restore instead (see the lifecycle guidance).',
      'For another URL: create a new Dataverse environment with that URL and link it to an F&O environment that is not linked yet.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      phrases: [
        {
          groups: [
            ['delet*', 'reset', 'url', 'rename'],
            ['not allowed', 'blocked', 'refused', 'can not', 'not available', 'not supported', 'not possible', 'disabled', 'greyed', 'grayed', 'unable', 'fail*', 'error*'],
            ['linked', 'integrated', 'fno', 'ppi', 'link'],
            ['environment*', 'ppac', 'dataverse'],
          ],
          weight: 6,
          window: 20,
        },
        { groups: [['reset', 'delete'], ['button', 'option'], ['missing', 'not', 'greyed', 'grayed', 'disabled', 'no']], weight: 3, window: 8 },
        { groups: [['reset', 'delet*'], ['linked', 'ppi', 'integrated'], ['environment*', 'sandbox', 'production', 'ppac', 'dataverse']], weight: 3, window: 12 },
      ],
    },
    operationKinds: [],
    stages: [],
    supportedBy: ['link-in-place'],
    contradictedBy: [],
  },
  {
    id: 'refresh-into-tier1-unsupported',
    catalogRefs: ['F27'],
    title: 'Database refresh into a tier-1 or cloud-hosted environment',
    cause:
      'The LCS database movement API cannot refresh into tier-1 (developer) or cloud-hosted environments and answers 401 when one is the target.',
    fixOwners: ['Requester'],
    steps: [
      'Choose a tier-2 or higher sandbox as the refresh target.',
      'For a developer environment, bring the data over another way, for example a database export from a sandbox.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      phrases: [
        { groups: [['refresh*', 'database movement', 'databasemovement', 'dbmovement', 'd365lcsdatabaserefresh'], ['401', 'unauthori*']], weight: 4, window: 20 },
        { groups: [['refresh*'], ['fail*', 'error*', 'not supported', 'unsupported', 'refused', 'rejected']], weight: 2, window: 10 },
        {
          groups: [
            ['tier 1', 'tier1', 'cloud hosted', 'che', 'onebox', 'devbox', 'dev box', 'developer environment', 'development environment', 'devtest'],
            ['refresh*', 'target'],
          ],
          weight: 4,
          window: 15,
        },
        { groups: [['{url-lcs}', 'lcs', 'lcsapi'], ['refresh*']], weight: 1, window: 20 },
      ],
    },
    operationKinds: ['DatabaseRefresh'],
    stages: ['Validate'],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'source-build-lower',
    catalogRefs: ['F28'],
    title: 'Copy source runs an older F&O build than the target',
    cause: "The copy pre-check refuses to copy from an environment whose F&O application build is older than the target's.",
    fixOwners: ['Requester'],
    steps: [
      'Compare the application build versions of source and target (LCS environment details).',
      "Update the source to at least the target's build, or choose a target on the same or an older build.",
      'Start the copy again.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      phrases: [
        {
          groups: [['build', 'version*'], ['source'], ['lower', 'older', 'less than', 'behind', 'earlier', 'below'], ['target', 'destination']],
          weight: 7,
          window: 25,
        },
      ],
    },
    operationKinds: ['Copy', 'DatabaseRefresh'],
    stages: ['Validate'],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'managed-state-differs',
    catalogRefs: ['F29'],
    title: 'Managed Environment setting differs between source and target',
    cause: 'The copy pre-check needs source and target to have the same Managed Environment setting, and one is managed while the other is not.',
    fixOwners: ['Power Platform admin'],
    steps: [
      'In PPAC, check for each environment whether it is a Managed Environment.',
      'Turn Managed Environment on or off so that both match.',
      'Start the copy again.',
    ],
    resumeApplies: false,
    related: ['lifecycle'],
    signals: {
      phrases: [
        {
          groups: [
            ['managed state', 'managed environment*', 'managed setting', 'managed status'],
            ['differ*', 'mismatch', 'not the same', 'does not match', 'unmanaged', 'not managed', 'non managed'],
          ],
          weight: 6,
          window: 12,
        },
        { groups: [['managed'], ['unmanaged', 'non managed', 'not managed']], weight: 3, window: 12 },
      ],
    },
    operationKinds: ['Copy', 'Restore'],
    stages: ['Validate'],
    supportedBy: [],
    contradictedBy: [],
  },
  {
    id: 'provision-instance-bad-gateway',
    catalogRefs: ['F30'],
    title: 'Dataverse provisioning hit 502 Bad Gateway',
    cause: 'Adding the Dataverse database (provisionInstance) failed with a passing gateway error inside the service.',
    fixOwners: ['Power Platform admin', 'Microsoft support'],
    steps: [
      'Wait a few minutes and try again.',
      'Check in PPAC whether the environment now has its Dataverse database.',
      'If it is still without Dataverse after a retry, open a support case with the environment id and the correlation ids.',
    ],
    resumeApplies: false,
    related: ['setup', 'support-handoff'],
    signals: {
      identifiers: [{ value: 'provisionInstance', weight: 5 }],
      phrases: [
        { groups: [['502', 'bad gateway'], ['provision*', 'dataverse', 'instance', 'database']], weight: 5, window: 20 },
        { groups: [['502'], ['bad gateway']], weight: 2, window: 4 },
        { groups: [['add*', 'provision*', 'creat*'], ['dataverse', 'database'], ['fail*', 'error*']], weight: 2, window: 10 },
      ],
    },
    operationKinds: ['IntegrationSetup'],
    stages: ['Prepare', 'Run'],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
  },
  {
    id: 'operation-stalled',
    catalogRefs: [],
    title: 'Operation running without progress for a long time',
    cause:
      'The operation is still marked as running, but nothing has changed for much longer than usual. Setup normally takes from a few minutes up to about an hour and a half; LCS does not notify, so a stall is easy to miss.',
    fixOwners: ['Requester', 'Microsoft support'],
    steps: [
      'Refresh LCS › Environment details and PPAC: the status there may have moved on.',
      'Check Microsoft 365 and Power Platform service health for incidents.',
      'If nothing has moved for several hours, open a support case with the environment ids, the tenant id, the start time and the correlation id.',
    ],
    resumeApplies: false,
    related: ['setup', 'support-handoff'],
    signals: {
      phrases: [
        {
          groups: [
            ['stuck', 'hang*', 'hung', 'no progress', 'not progress*', 'not moving', 'not changed', 'frozen', 'still'],
            ['in progress', 'preparing', 'provisioning', 'running', 'environment setup', 'setup'],
          ],
          weight: 4,
          window: 15,
        },
        {
          groups: [
            ['hours', 'days', 'overnight', 'since yesterday', 'forever', 'long time', 'a while'],
            ['in progress', 'preparing', 'provisioning', 'running', 'setup', 'stuck'],
          ],
          weight: 3,
          window: 15,
        },
        {
          groups: [['preparing', 'in progress', 'provisioning', 'setup'], ['normal', 'usual', 'expected', 'how long', 'taking', 'takes', 'taken']],
          weight: 3,
          window: 12,
        },
      ],
    },
    operationKinds: ALL_KINDS,
    stages: ['Prepare', 'Run', 'Finalize'],
    supportedBy: [],
    contradictedBy: [],
    passesWithTime: true,
    yieldsTo: ['provisioning-vanished'],
  },
  {
    id: 'verify-wrong-url',
    catalogRefs: [],
    title: 'Verification call sent to a wrong URL',
    cause:
      'The verification call reached Dataverse but no valid endpoint: the organisation URL or the path is wrong (a typo, a missing api/data part, or the host of another environment).',
    fixOwners: ['Requester'],
    steps: [
      'Copy the environment URL from PPAC › the environment › Environment URL.',
      'Call that URL followed by /api/data/v9.1/RetrieveFinanceAndOperationsIntegrationDetails, exactly so, or let the bot verify.',
      'Check that the host is the Dataverse host of the environment (crm, crm4, crm11…).',
    ],
    resumeApplies: false,
    related: ['verify'],
    signals: {
      codes: [
        { value: '0x8006088a', weight: 10 },
        { value: '-2147088246', weight: 10 },
      ],
      phrases: [{ groups: [['resource not found'], ['segment']], weight: 6, window: 10 }],
    },
    operationKinds: [],
    stages: [],
    supportedBy: [],
    contradictedBy: [],
  },
];
