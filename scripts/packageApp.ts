// Builds the Teams app package (build/appPackage.zip): fills manifest/manifest.template.json from the
// environment, validates it against the official manifest schema offline, and zips it with the icons.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';

/** A parsed manifest before validation: plain JSON, nothing about its shape is trusted yet. */
export type ManifestJson = Record<string, unknown>;

/** Placeholder name → value; `undefined` means no value was given. */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Local runs (checking the schema, tests, a first look at the package) rarely have the Teams app id
 * and bot id at hand, so outside production (NODE_ENV !== 'production') they fall back to the nil
 * GUID. It passes the schema but names no real app or bot registration, so such a package is plainly
 * not one to install, and packaging warns about it. In production a missing id stays missing and
 * packaging fails.
 */
export const LOCAL_PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

export interface EnvPlaceholders {
  values: PlaceholderValues;
  /** Placeholders that got {@link LOCAL_PLACEHOLDER_ID} because the environment had no value. */
  localDefaults: string[];
}

/** Maps environment variables to the template's placeholders, with the documented defaults. */
export function placeholderValuesFromEnv(env: NodeJS.ProcessEnv): EnvPlaceholders {
  const local = env.NODE_ENV !== 'production';
  const localDefaults: string[] = [];
  const id = (name: string, value: string | undefined): string | undefined => {
    if (value) return value;
    if (!local) return undefined;
    localDefaults.push(name);
    return LOCAL_PLACEHOLDER_ID;
  };
  return {
    values: {
      TEAMS_APP_ID: id('TEAMS_APP_ID', env.TEAMS_APP_ID),
      // The bot's Teams identity is its Azure Bot registration, which the adapter reads as MicrosoftAppId.
      BOT_ID: id('BOT_ID', env.BOT_ID || env.MicrosoftAppId),
      APP_NAME_SUFFIX: env.APP_NAME_SUFFIX ?? '',
      APP_DOMAIN: env.APP_DOMAIN || 'localhost',
      // Teams SSO (webApplicationInfo): only when the app registration is named; see withSso.
      AAD_APP_CLIENT_ID: env.AAD_APP_CLIENT_ID || undefined,
      AAD_APP_RESOURCE: env.AAD_APP_RESOURCE || (env.AAD_APP_CLIENT_ID ? `api://botid-${env.AAD_APP_CLIENT_ID}` : undefined),
    },
    localDefaults,
  };
}

export class MissingPlaceholdersError extends Error {
  constructor(readonly names: string[]) {
    super(`No value for manifest placeholder(s): ${names.join(', ')}. Set them as environment variables.`);
    this.name = 'MissingPlaceholdersError';
  }
}

/**
 * Replaces every `${{NAME}}` in the template and parses the result. Throws
 * {@link MissingPlaceholdersError} naming every placeholder without a value, not just the first.
 */
export function fillManifest(template: string, values: PlaceholderValues): ManifestJson {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    // Placeholders sit inside JSON strings, so a quote or backslash in a value must not end the string.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new MissingPlaceholdersError([...missing]);
  return JSON.parse(filled) as ManifestJson;
}

/**
 * Adds the SSO fragment (`webApplicationInfo` filled with AAD_APP_CLIENT_ID and AAD_APP_RESOURCE,
 * and the token service's domain, where the sign-in button opens) when AAD_APP_CLIENT_ID has a
 * value, and returns the manifest unchanged otherwise: Teams SSO is optional, and an app without it
 * must not claim an app registration.
 */
export function withSso(manifest: ManifestJson, fragmentTemplate: string, values: PlaceholderValues): ManifestJson {
  if (!values.AAD_APP_CLIENT_ID) return manifest;
  const merged: ManifestJson = { ...manifest };
  for (const [key, value] of Object.entries(fillManifest(fragmentTemplate, values))) {
    const existing = merged[key];
    // Lists (validDomains) are added to, so the fragment never drops the app's own entries.
    merged[key] = Array.isArray(existing) && Array.isArray(value) ? [...new Set([...existing, ...value])] : value;
  }
  return merged;
}

const SCHEMA_ROOT = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** The official schema address for a manifest version, with or without a locale segment. */
function isOfficialSchemaUrl(url: unknown, version: string): boolean {
  const escaped = version.replace(/\./g, '\\.');
  return (
    typeof url === 'string' &&
    new RegExp(`^https://developer\\.microsoft\\.com/(?:[a-z]{2}-[a-z]{2}/)?json-schemas/teams/v${escaped}/MicrosoftTeams\\.schema\\.json$`).test(url)
  );
}

/**
 * Validates against the schema for the manifest's own `manifestVersion`, read from the copy that
 * @microsoft/app-manifest ships. The schema is passed in explicitly because the library otherwise
 * falls back to downloading it, and packaging must work offline. Returns one message per problem.
 */
export async function validateManifest(manifest: ManifestJson): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['/manifestVersion must be a string such as "1.30"'];
  const schemaFile = join(SCHEMA_ROOT, `v${version}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(schemaFile)) return [`/manifestVersion "${version}" has no schema in @microsoft/app-manifest`];

  const errors: string[] = [];
  if (!isOfficialSchemaUrl(manifest.$schema, version)) {
    errors.push(`/$schema must be the official URL for v${version}, got ${JSON.stringify(manifest.$schema)}`);
  }
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const manifestArg = manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
  errors.push(...(await AppManifestUtils.validateAgainstSchema(manifestArg, schema)));
  return errors;
}

export class InvalidManifestError extends Error {
  constructor(readonly errors: string[]) {
    super(`The filled manifest does not match its schema:\n  ${errors.join('\n  ')}`);
    this.name = 'InvalidManifestError';
  }
}

export interface PackageOptions {
  /** Folder with manifest.template.json, webApplicationInfo.template.json, color.png and outline.png. */
  manifestDir: string;
  /** The zip to write; missing parent folders are created. */
  outFile: string;
  values: PlaceholderValues;
}

/** The files Teams expects at the package root, next to manifest.json. */
const ICON_FILES = ['color.png', 'outline.png'] as const;

/** Fills, validates and zips the manifest with its icons; returns the zip's path. */
const PACKAGE_TIME = new Date('2000-01-01T00:00:00Z');

export async function buildAppPackage(options: PackageOptions): Promise<string> {
  const template = readFileSync(join(options.manifestDir, 'manifest.template.json'), 'utf8');
  const ssoFragment = readFileSync(join(options.manifestDir, 'webApplicationInfo.template.json'), 'utf8');
  const manifest = withSso(fillManifest(template, options.values), ssoFragment, options.values);
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new InvalidManifestError(errors);

  // Stored (level 0) with one fixed timestamp, so the same inputs always give a byte-identical
  // package: a rebuild that changes nothing produces no new artefact to upload.
  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
  for (const name of ICON_FILES) files[name] = readFileSync(join(options.manifestDir, name));
  const zip = zipSync(files, { level: 0, mtime: PACKAGE_TIME });
  mkdirSync(dirname(options.outFile), { recursive: true });
  writeFileSync(options.outFile, zip);
  return options.outFile;
}

async function main(): Promise<void> {
  // Loaded here rather than at the top: it looks for package.json above this file when imported,
  // and tests import this module from builds that live outside the project folder.
  const { fromRoot } = await import('../src/projectRoot');
  const { values, localDefaults } = placeholderValuesFromEnv(process.env);
  if (localDefaults.length > 0) {
    console.warn(
      `Using the local placeholder id ${LOCAL_PLACEHOLDER_ID} for ${localDefaults.join(', ')}: ` +
        'the package is for local checks only, as that id names no real Teams app or bot. Set them for a package to install.',
    );
  }
  const outFile = await buildAppPackage({
    manifestDir: fromRoot('manifest'),
    outFile: fromRoot('build', 'appPackage.zip'),
    values,
  });
  console.log(`Wrote ${outFile}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
