import { buryInLog } from './logNoise';

// Inputs for the text matcher, written the way people paste them: a portal banner or page text, a
// PowerShell or JSON error, and a log excerpt with unrelated names, ids and timestamps around the
// message. Each wording differs from the others and from the catalog's own text.

export interface PositiveCase {
  entryId: string;
  portal: string;
  shell: string;
  /** The message that buryInLog wraps in log noise. */
  logMessage: string;
  /** True when the shell form carries an error code or an identifier that names the cause (expect high). */
  shellHasCode: boolean;
}

export const POSITIVE_CASES: PositiveCase[] = [
  {
    entryId: 'setup-failed',
    portal:
      'Power Platform integration\nStatus: Setup failed\nSomething went wrong while setting up the environment. Fix the problem, then select Resume to continue.',
    shell:
      '{"IsSuccess":false,"OperationActivityId":"5c0d3f1e-8a4b-4d2c-9e7f-1a2b3c4d5e6f","ErrorMessage":"Power Platform Integration setup failed for environment contoso-uat; use Resume after correcting it.","VersionEOL":"9999-12-31T23:59:59.9999999"}',
    logMessage: 'LCS environment details: the PPI setup ended in error, no reason shown, only a Resume button',
    shellHasCode: false,
  },
  {
    entryId: 'insufficient-capacity',
    portal:
      "Setup couldn't be completed. Your organization needs at least 1 GB of available Dataverse database capacity to enable this integration. Free up storage or buy more capacity, then select Resume.",
    shell: [
      'Invoke-RestMethod : {"error":{"code":"InsufficientCapacity_StorageDriven","message":"Creating this environment requires 1 GB of database capacity; the tenant has 384 MB available."}}',
      'At line:1 char:1',
      '+ Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $body',
      '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException',
      '    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand',
    ].join('\n'),
    logMessage: 'Validate stage failed: tenant Dataverse storage is insufficient, only 212 MB of database space left',
    shellHasCode: true,
  },
  {
    entryId: 'setup-licence-missing',
    portal:
      'Setup failed: the user who started the setup does not have a valid Dynamics 365 license. Assign a Dynamics 365 Finance or Unified Operations Plan license and resume.',
    shell:
      'Invoke-RestMethod : {"error":{"code":"DynamicsEntitlementMissing","message":"The account that started integration setup has no entitlement for it."}}',
    logMessage: 'user jonas@fabrikam.com is not licensed for Dynamics 365 (no Finance or SCM licence assigned); PPI validation rejected',
    shellHasCode: true,
  },
  {
    entryId: 'admin-role-required',
    portal:
      'Only administrators can create new environments in this tenant. Ask a Power Platform administrator or Dynamics 365 administrator to run the setup.',
    shell:
      'New-AdminPowerAppEnvironment : {"error":{"code":"EnvironmentCreationRestrictedToAdmins","message":"Environment creation is limited to admins by tenant governance."}}',
    logMessage: 'tenant setting disableEnvironmentCreationByNonAdminUsers=true and the setup user holds no Power Platform Administrator role',
    shellHasCode: true,
  },
  {
    entryId: 'lcs-role-missing',
    portal: 'You must be a Project owner or Environment manager in this Lifecycle Services project to enable Power Platform integration.',
    shell:
      '{"IsSuccess":false,"ErrorMessage":"LcsProjectRoleMissing: the caller is a Team member in project 2417390","OperationActivityId":"0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b"}',
    logMessage: 'priya is only an operator on the LCS project, neither project owner nor environment manager, so setup stopped',
    shellHasCode: true,
  },
  {
    entryId: 'wrong-tenant-account',
    portal:
      "You're signed in with an account from a different tenant than the one that owns this LCS project. Sign in with an account of the project's tenant.",
    shell:
      '{"error":{"code":"UserTenantMismatch","message":"Token issued for tenant 72f988bf-86f1-41af-91ab-2d7cd011db47, project belongs to 8a2d1c3b-4e5f-4a6b-9c7d-0e1f2a3b4c5d."}}',
    logMessage: 'setup was started by a partner account, a guest from another directory, while the LCS project belongs to contoso.onmicrosoft.com',
    shellHasCode: true,
  },
  {
    entryId: 'geography-mismatch',
    portal:
      'The selected Power Platform environment is in a different geography (Europe) than the finance and operations environment (United States). Select an environment in the same geography.',
    shell: '{"error":{"code":"GeographyMismatch","message":"Target environment location europe, F&O region eastus."}}',
    logMessage: 'validation: Dataverse region westeurope does not match the F&O Azure region eastus',
    shellHasCode: true,
  },
  {
    entryId: 'target-already-linked',
    portal:
      "The Power Platform environment you selected is already linked to another finance and operations environment and can't be used.",
    shell: 'Invoke-RestMethod : {"error":{"code":"EnvironmentAlreadyLinked","message":"Target has a finance and operations link."}}',
    logMessage:
      'verification returned an Id that differs from the expected one: this Dataverse org is already integrated with a different F&O instance',
    shellHasCode: true,
  },
  {
    entryId: 'system-admin-role-missing',
    portal: 'To link this environment, the user must have the System Administrator security role in the selected Dataverse environment.',
    shell: '{"error":{"code":"SystemAdministratorRoleMissing","message":"Setup account holds no admin role in the target org."}}',
    logMessage:
      'systemuserroles_association for the setup user does not include role template 627090ff-40a3-4053-8790-584edc5be201 (System Administrator)',
    shellHasCode: true,
  },
  {
    entryId: 'role-cache-delay',
    portal:
      "We assigned the System Administrator role 10 minutes ago, but the validation still says the user isn't a system administrator.",
    shell:
      '{"error":{"code":"SystemAdministratorRoleNotEffectiveYet","message":"Role assignment is newer than the validation cache; retry later."}}',
    logMessage: "Role 'System Administrator' granted at 09:12 UTC; PPI validation at 09:30 rejected the user. Role changes can take up to an hour to be recognised",
    shellHasCode: true,
  },
  {
    entryId: 'not-integrated',
    portal: 'This Dataverse environment is not linked to a finance and operations apps environment.',
    shell:
      'Invoke-RestMethod : {"error":{"code":"0x80048d0b","message":"Dataverse instance is not integrated with finance and operations."}}\nAt C:\\scripts\\verify.ps1:14 char:5',
    logMessage:
      'GET https://org1a2b3c.crm4.dynamics.com/api/data/v9.2/RetrieveFinanceAndOperationsIntegrationDetails returned 400, ErrorCode -2147185397',
    shellHasCode: true,
  },
  {
    entryId: 'dual-write-mismatch',
    portal:
      'Warning: this environment is linked through dual-write to a different Dataverse environment than the one specified for Power Platform integration. This setup is not recommended.',
    shell:
      '{"IsSuccess":true,"Warnings":["Dual-write target org2.crm.dynamics.com differs from the environment linked by Power Platform integration (org1.crm.dynamics.com)"]}',
    logMessage: 'LCS shows a linking mismatch: dual write points at the contoso-dev Dataverse, PPI at contoso-uat',
    shellHasCode: false,
  },
  {
    entryId: 'dual-write-apps-not-trusted',
    portal: "Dual-write couldn't connect to finance and operations: the service principal doesn't have the right permissions.",
    shell: '{"errorCode":"DW9003","message":"Unable to connect to AX using the configured identity."}',
    logMessage:
      'F&O Entra ID applications list is missing client 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452 and 2e49aa60-1bd3-43b6-8ab6-03ada3d9f08b',
    shellHasCode: true,
  },
  {
    entryId: 'too-many-legal-entities',
    portal: 'Plug-in registration failed: exceeds the maximum partitions allowed for mapping.',
    shell: '{"error":{"message":"Maximum number of partitions allowed for this map exceeded (256 > 250)."}}',
    logMessage: 'linking 300 legal entities to dual-write; registration error: partition limit exceeded for the map',
    shellHasCode: false,
  },
  {
    entryId: 'duplicate-company-names',
    portal: 'Saving connection set failed! An item with the same key has already been added.',
    shell:
      'System.ArgumentException: An item with the same key has already been added. Key: contoso europe\r\n   at System.Collections.Generic.Dictionary`2.TryInsert(TKey key) while reading cdm_company',
    logMessage: "two rows in the Dataverse company table share the name 'Contoso Europe' and the connection set cannot be saved",
    shellHasCode: true,
  },
  {
    entryId: 'dual-write-admin-consent',
    portal: 'Dual-write setup: Response status code does not indicate success: 404 (Not Found).',
    shell:
      'Invoke-WebRequest : Response status code does not indicate success: 404 (Not Found).\nNo admin consent found for application 33976c19-1db5-4c02-810e-c243db79efde.',
    logMessage: 'dual write link step failed with HTTP 404 Not Found; tenant admin consent was never granted for the app',
    shellHasCode: true,
  },
  {
    entryId: 'dual-write-power-apps-licence',
    portal: 'Failed to setup dual write environment. Response status code does not indicate success: 403 (Forbidden).',
    shell:
      '{"error":{"code":"Forbidden","message":"Connection creation failed for the signed-in user; a Power Apps license is needed to set up dual-write."}}',
    logMessage: 'dualwrite: creating connections as kai@contoso.com returned 403 Forbidden (user has no PowerApps license)',
    shellHasCode: false,
  },
  {
    entryId: 'fno-not-discoverable',
    portal: 'Finance and operations apps environment ***.cloudax.dynamics.com isn’t discoverable.',
    shell:
      '{"message":"Environment https://fabrikam-test.sandbox.operations.dynamics.com could not be discovered from this Dataverse organization."}',
    logMessage: 'dual-write link: the F&O environment is not discoverable, it lives in a different tenant',
    shellHasCode: false,
  },
  {
    entryId: 'dual-write-map-owner',
    portal: 'Creating the table map failed. Response status code does not indicate success: 401 (Unauthorized).',
    shell:
      '{"status":401,"title":"Unauthorized","detail":"Creating dual-write maps is restricted to the user who configured dual-write."}',
    logMessage: 'new map Customers V3 returned 401 Unauthorized; only the person who set up dual-write can add maps',
    shellHasCode: false,
  },
  {
    entryId: 'secureconfig-mismatch',
    portal: 'SecureConfig Organization (org1f2e3d) does not match actual CRM Organization (org9a8b7c).',
    shell:
      'Exception: The dual-write runtime configuration refers to organization 8f9e7d6c but this CRM organization is 1a2b3c4d (mismatch after database copy)',
    logMessage: 'after the database copy, DualWriteProjectConfiguration still names the source Dataverse organisation',
    shellHasCode: false,
  },
  {
    entryId: 'environment-not-ready',
    portal: "The environment isn't in a ready state yet. Try again later.",
    shell: 'Invoke-RestMethod : {"error":{"code":"EnvironmentNotInReadyState","message":"Try again when provisioning completes."}}',
    logMessage: 'finops environment not ready (state=Provisioning), request refused',
    shellHasCode: true,
  },
  {
    entryId: 'uploader-package-failed',
    portal: 'Failed to install the platform application package: msprov_fnouploadersolution',
    shell: '{"status":"Failed","error":{"message":"Installation of package msprov_fnouploadersolution did not succeed."}}',
    logMessage: 'package install error: FnoUploaderSolution (msprov) did not install on the new unified environment',
    shellHasCode: true,
  },
  {
    entryId: 'template-licence-missing',
    portal: "You don't have the required Dynamics 365 licenses to create a database with the Finance Dynamics app.",
    shell:
      '{"error":{"code":"DynamicsEntitlementMissing","message":"Template D365_FinOps_Finance is disabled for this tenant."}}',
    logMessage: 'creating the environment with the Project Operations template failed: the tenant lacks Project Operations licences for the Dynamics app database',
    // DynamicsEntitlementMissing is shared with setup-licence-missing, so the code alone names neither.
    shellHasCode: false,
  },
  {
    entryId: 'operation-not-startable',
    portal: 'Another operation is currently running on this environment. Wait for it to finish and try again.',
    shell:
      'Invoke-RestMethod : {"error":{"code":"OperationNotStartable","message":"Cannot start: there is an active lifecycle operation on the environment."}}',
    logMessage: 'HTTP/1.1 409 Conflict: backup could not start because a copy operation is still in progress on the environment',
    shellHasCode: true,
  },
  {
    entryId: 'default-apps-removed',
    portal: 'A token was obtained to call Finance and Operations, but the call was rejected by Finance and Operations as not authorized.',
    shell:
      '{"error":{"code":"Unauthorized","message":"Caller 61a0518c-121a-421a-9ad6-f0955a88be43 is not registered in Microsoft Entra ID applications."}}',
    logMessage: 'virtual entity call: token acquired fine, then F&O refused the request as unauthorized',
    shellHasCode: true,
  },
  {
    entryId: 'fnopackage-privilege',
    portal: 'The user is missing the privilege to create msprov fnopackage records.',
    shell:
      '{"error":{"code":"0x80040220","message":"Principal user (Id=9b1c, type=8) is missing prvCreatemsprov_fnopackage privilege (Id=4d3c)"}}',
    logMessage: 'UDE deployment: SecLib::AccessCheckEx failed, user is missing prvCreatemsprov_fnopackage privilege',
    shellHasCode: true,
  },
  {
    entryId: 'service-protection-throttling',
    portal: 'Too many requests. Rate limit exceeded, retry after 38 seconds.',
    shell:
      '{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}',
    logMessage: 'HTTP 429 from Dataverse, x-ms-ratelimit-burst-remaining-xrm-requests: 0, Retry-After: 12',
    shellHasCode: true,
  },
  {
    entryId: 'lcs-database-operation-quota',
    portal: "You've reached the maximum of 3 database operations allowed for this environment in 24 hours.",
    shell:
      '{"IsSuccess":false,"OperationActivityId":"2f1e0d9c-8b7a-4f6e-5d4c-3b2a1f0e9d8c","ErrorMessage":"Maximum allowed API operations are 3 from 2025-06-02T09:14:00Z","VersionEOL":"9999-12-31T23:59:59.9999999"}',
    logMessage: 'LCS refresh rejected: the limit of three API operations per 24h is reached',
    shellHasCode: false,
  },
  {
    entryId: 'provisioning-vanished',
    portal: 'The environment showed as Preparing in the Power Platform admin center and then disappeared from the list.',
    shell:
      "PS> Get-AdminPowerAppEnvironment *uat*\nPS> # nothing returned; yesterday the same command listed it with provisioningState Preparing, now it is gone",
    logMessage: 'env state Preparing at 10:02, 10:15 and 10:30; at 11:00 the environment is no longer listed',
    shellHasCode: false,
  },
  {
    entryId: 'no-dual-write-environments',
    portal: "You don't have any environments enabled for dual-write.",
    shell: '{"message":"No environments are enabled for dual-write in this tenant."}',
    logMessage: 'dual-write workspace shows an empty list and says none of the environments have dual-write enabled',
    shellHasCode: false,
  },
  {
    entryId: 'che-certificate-missing',
    portal: 'Test-D365DataverseConnection: Cannot Find Thumbprint by Certificatename',
    shell: "WARNING: [10:22:31][Get-D365IntegrationCertificate] Cannot find thumbprint by certificate name 'DataverseIntegration'.",
    logMessage: 'cert lookup failed on the dev VM: no certificate thumbprint found for the integration cert',
    shellHasCode: false,
  },
  {
    entryId: 'che-entra-app-missing',
    portal: 'Expected aud https://securityservice.operations365.dynamics.com',
    shell:
      '{"error":"invalid_token","error_description":"The audience is invalid; expected aud https://securityservice.operations365.dynamics.com/"}',
    logMessage: 'token validation failed: audience mismatch, wanted the securityservice operations365 audience',
    shellHasCode: true,
  },
  {
    entryId: 'linked-environment-protected',
    portal: "This environment can't be deleted because it's linked to a finance and operations environment.",
    shell:
      'Remove-AdminPowerAppEnvironment : {"error":{"code":"EnvironmentDeleteBlocked","message":"Delete is blocked for environments linked to Finance and Operations."}}',
    logMessage: 'PPAC: the Reset button is missing for contoso-uat, which is PPI linked',
    shellHasCode: false,
  },
  {
    entryId: 'refresh-into-tier1-unsupported',
    portal: 'Database refresh failed: the target is a tier-1 developer environment.',
    shell:
      'Invoke-D365LcsDatabaseRefresh : The remote server returned an error: (401) Unauthorized.\nTarget environment: cloud-hosted devbox',
    logMessage:
      'POST https://lcsapi.lcs.dynamics.com/databasemovement/v1/refresh/project/2417390/source/a1b2/target/c3d4 answered 401 Unauthorized for the Tier1 target',
    shellHasCode: false,
  },
  {
    entryId: 'source-build-lower',
    portal: 'The build version of FnO application in the source environment is lower than in the target environment.',
    shell: '{"error":{"message":"Source F&O build 10.0.38 is older than the target build 10.0.40; copy refused."}}',
    logMessage: 'copy pre-check: the source application version is behind the target one',
    shellHasCode: false,
  },
  {
    entryId: 'managed-state-differs',
    portal: 'The Managed state between environments is different.',
    shell: 'Copy-PowerAppEnvironment : The source is a Managed Environment but the target is unmanaged.',
    logMessage: 'pre-check: managed environment setting mismatch between contoso-prod and contoso-uat',
    shellHasCode: false,
  },
  {
    entryId: 'provision-instance-bad-gateway',
    portal: 'Adding a Dataverse database failed: 502 Bad Gateway.',
    shell:
      'Invoke-RestMethod : 502 Bad Gateway\nPOST https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/environments/0d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a/provisionInstance?api-version=2021-04-01',
    logMessage: 'provisionInstance returned HTTP 502 from the gateway',
    shellHasCode: false,
  },
  {
    entryId: 'operation-stalled',
    portal: "LCS still shows 'Environment setup is in progress' after 6 hours.",
    shell: '{"status":"InProgress","stage":"Run","lastUpdated":"2025-06-01T08:00:00Z","note":"no progress since yesterday, provisioning looks stuck"}',
    logMessage: 'provisioning appears hung: status InProgress since yesterday',
    shellHasCode: false,
  },
  {
    entryId: 'verify-wrong-url',
    portal: "Resource not found for the segment 'RetrieveFinanceAndOperationsIntegrationDetail'.",
    shell:
      'Invoke-RestMethod : {"error":{"code":"0x8006088a","message":"Resource not found for the segment \'RetrieveFinanceAndOpsDetails\'."}}',
    logMessage: 'verify call failed with ErrorCode -2147088246 (HTTP 404)',
    shellHasCode: true,
  },
];

/** The log form of a case, buried in noise that differs per case. */
export function logFormOf(testCase: PositiveCase, seed: number): string {
  return buryInLog(testCase.logMessage, seed);
}

/** Errors that have nothing to do with PPI, and ordinary chat. */
export const NEGATIVE_CASES: string[] = [
  'hi can you help me',
  // A maker's own Dataverse table whose plug-in fails, written in Chinese with "no dual-write" (没有): a denial, not evidence.
  '我们自己做的模型驱动 Power Apps，Dataverse 自定义表 qc_check，保存时报 "Unexpected exception from plug-in (Execute): Contoso.QC.Plugins.Check"。这个表没有 dual-write。',
  // Another product's missing licence, with F&O named only as working: not the setup account's licence.
  'Our new buyer cannot open Outlook or Teams: "Your account does not have a license for this product". F&O works fine for him.',
  // Another product's ticket that says F&O is not in play, or a plain Power Apps environment.
  'Custom plugin on opportunity update in the CE Sales org (not linked to FnO) throws "The plug-in execution failed because the operation has timed-out at the Sandbox Host".',
  'Cases from the email queue in Customer Service are not routed to agents since yesterday; our CS org has no F&O link at all.',
  'Creating a new Dataverse environment for the HR app in PPAC: "There is not enough Dataverse database capacity in the tenant". Just a normal Power Apps environment, no Dynamics apps.',
  // SharePoint's own account mismatch, not a tenant mix-up in LCS.
  "Sorry, you don't have access. The site user ID for this user doesn't match the user ID in the directory.",
  'when is the maintenance window?',
  'thanks, that worked!',
  'Error: NullReferenceException in X++ class CustTable, method validateWrite\n   at Dynamics.AX.Application.CustTable.validateWrite()',
  'The user canceled the sign-in.',
  'GET /favicon.ico 404 page not found',
  'Access denied',
  'Invoke-RestMethod : The remote server returned an error: (500) Internal Server Error.',
  'Batch job "Invoice posting" ended with errors: voucher GNJL000123 is not balanced.',
  'ENOENT: no such file or directory, open \'C:\\app\\config.json\'',
  'Transaction (Process ID 62) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
  'The certificate chain was issued by an authority that is not trusted.',
  'Payment declined: insufficient funds on the card ending 4242.',
  'My laptop says the disk is full, not enough storage to install Teams.',
  'Can I get a Power BI licence for the new intern?',
  'Outlook keeps asking for my password after the update.',
  'Microsoft Teams: You are offline. Check your internet connection.',
  'System.Net.Http.HttpRequestException: No such host is known. (login.microsoftonline.com:443)',
];
