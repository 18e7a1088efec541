import addIns from './knowledge/add-ins.json';
import cloudHosted from './knowledge/cloud-hosted.json';
import dualWriteInitialSync from './knowledge/dual-write-initial-sync.json';
import dualWriteLiveSync from './knowledge/dual-write-live-sync.json';
import dualWriteSetup from './knowledge/dual-write-setup.json';
import eventsAndDataExport from './knowledge/events-and-data-export.json';
import lcsDatabaseMovement from './knowledge/lcs-database-movement.json';
import ppacLifecycle from './knowledge/ppac-lifecycle.json';
import powerAppsConnector from './knowledge/power-apps-connector.json';
import ppiSetup from './knowledge/ppi-setup.json';
import tableMapValidation from './knowledge/table-map-validation.json';
import unifiedDeveloper from './knowledge/unified-developer.json';
import virtualEntities from './knowledge/virtual-entities.json';
import { loadKnowledgeBase, type KnowledgeFile } from './knowledgeSchema';
import type { KnowledgeArea, KnowledgeEntry } from './types';

// The helpdesk knowledge base: one JSON file per area under ./knowledge, written for helpdesk
// experts to read and extend (see README, "Triage"). Validated here, when the bot starts; a bad
// file stops the start with a message naming the file and field. A new file must be listed below
// (a test fails for any file in the folder that is not).

export const KNOWLEDGE_FILES: readonly KnowledgeFile[] = [
  { name: 'ppi-setup.json', data: ppiSetup },
  { name: 'dual-write-setup.json', data: dualWriteSetup },
  { name: 'dual-write-initial-sync.json', data: dualWriteInitialSync },
  { name: 'dual-write-live-sync.json', data: dualWriteLiveSync },
  { name: 'table-map-validation.json', data: tableMapValidation },
  { name: 'virtual-entities.json', data: virtualEntities },
  { name: 'add-ins.json', data: addIns },
  { name: 'unified-developer.json', data: unifiedDeveloper },
  { name: 'ppac-lifecycle.json', data: ppacLifecycle },
  { name: 'lcs-database-movement.json', data: lcsDatabaseMovement },
  { name: 'cloud-hosted.json', data: cloudHosted },
  { name: 'events-and-data-export.json', data: eventsAndDataExport },
  { name: 'power-apps-connector.json', data: powerAppsConnector },
];

const LOADED = loadKnowledgeBase(KNOWLEDGE_FILES);

export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = LOADED.entries;
export const KNOWLEDGE_AREAS: readonly KnowledgeArea[] = LOADED.areas;

const AREA_OF = new Map(KNOWLEDGE_AREAS.flatMap((area) => area.entryIds.map((id) => [id, area] as const)));

/** The area (file) an entry belongs to. */
export function areaOf(entryId: string): KnowledgeArea | undefined {
  return AREA_OF.get(entryId);
}
