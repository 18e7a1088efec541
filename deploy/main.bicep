// PPI Assistant on Azure: two or more replicas on Azure Container Apps, sharing an Azure Database
// for PostgreSQL flexible server, behind an Azure Bot with the Teams channel. Secrets live in Key
// Vault and reach the app as Key Vault references, read with a user-assigned managed identity.
// Parameters: see deploy/README.md. Not deployed from this repository's CI (no Azure here).

targetScope = 'resourceGroup'

@description('Short prefix for every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string

param location string = resourceGroup().location

@description('Container image of PPI Assistant, e.g. contoso.azurecr.io/ppi-assistant:1.0.0 (built from the Dockerfile).')
param containerImage string

@description('Login server of a private registry holding the image (e.g. contoso.azurecr.io); empty for a public image. The identity this template creates needs AcrPull on it.')
param registryServer string = ''

@description('Client id of the bot\'s single-tenant Entra app registration (MicrosoftAppId).')
param botAppId string

@description('Client secret of that app registration (MicrosoftAppPassword); stored in Key Vault only.')
@secure()
param botAppPassword string

@description('Replicas that always run; two or more so that one instance is never the only one.')
@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 4

@description('PostgreSQL administrator login (the bot connects with it; see deploy/README.md for a narrower role).')
param postgresAdminLogin string = 'ppiadmin'

@secure()
@description('PostgreSQL administrator password; stored in Key Vault (inside STORE_URL) only.')
param postgresAdminPassword string

@allowed(['16', '17'])
param postgresVersion string = '16'

@description('simulator (the built-in demo world) or microsoft (real tenant APIs; add MICROSOFT_* settings, see src/adapters/microsoft/README.md).')
@allowed(['simulator', 'microsoft'])
param lifecycleAdapter string = 'simulator'

@description('Entra object ids of PPI Assistant admins, separated by commas.')
param assistantAdmins string = ''

@allowed(['F0', 'S1'])
param botSku string = 'F0'

var appName = '${namePrefix}-bot'
var databaseName = 'ppi'
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-identity'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${namePrefix}-pg'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: { publicNetworkAccess: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// 0.0.0.0–0.0.0.0 admits Azure services only (Container Apps' outbound addresses are not fixed on
// the consumption plan). For a private network, put both in a VNet and drop this rule.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${namePrefix}-kv'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

// TLS with certificate and host name checks; Node's bundled CAs include the roots Azure uses.
resource storeUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'store-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, secretsUserRole)
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var fqdn = '${appName}.${environment.properties.defaultDomain}'

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [identityReadsSecrets, database, allowAzure]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: { external: true, targetPort: 3978, transport: 'auto', allowInsecure: false }
      registries: empty(registryServer) ? [] : [{ server: registryServer, identity: identity.id }]
      // Key Vault references: the app reads the current secret through the managed identity.
      secrets: [
        { name: 'bot-app-password', keyVaultUrl: botPasswordSecret.properties.secretUri, identity: identity.id }
        { name: 'store-url', keyVaultUrl: storeUrlSecret.properties.secretUri, identity: identity.id }
      ]
    }
    template: {
      // SIGTERM, then this long before SIGKILL; the bot stops within SHUTDOWN_TIMEOUT_MS (below).
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'ppi-assistant'
          image: containerImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'NODE_ENV', value: 'production' }
            { name: 'PORT', value: '3978' }
            { name: 'MicrosoftAppId', value: botAppId }
            { name: 'MicrosoftAppType', value: 'SingleTenant' }
            { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
            { name: 'MicrosoftAppPassword', secretRef: 'bot-app-password' }
            { name: 'STORE_URL', secretRef: 'store-url' }
            { name: 'PUBLIC_BASE_URL', value: 'https://${fqdn}' }
            { name: 'LIFECYCLE_ADAPTER', value: lifecycleAdapter }
            { name: 'ASSISTANT_ADMINS', value: assistantAdmins }
            { name: 'SHUTDOWN_TIMEOUT_MS', value: '20000' }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 30 }
            { type: 'Readiness', httpGet: { path: '/readyz', port: 3978 }, periodSeconds: 10, failureThreshold: 2 }
            { type: 'Startup', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 5, failureThreshold: 12 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-azurebot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'PPI Assistant'
    endpoint: 'https://${fqdn}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output messagingEndpoint string = 'https://${fqdn}/api/messages'
output publicBaseUrl string = 'https://${fqdn}'
output postgresHost string = postgres.properties.fullyQualifiedDomainName
