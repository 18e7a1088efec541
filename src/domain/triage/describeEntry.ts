import { KNOWLEDGE_BASE } from './knowledgeBase';
import type { KnowledgeEntry } from './types';

const BY_ID = new Map(KNOWLEDGE_BASE.map((entry) => [entry.id, entry]));

/**
 * The knowledge base entry with this id, or the first entry covering a catalog row ("F17", "P7"),
 * so a helpdesk person quoting the catalog gets an answer too. null when nothing matches.
 */
export function describeEntry(entryIdOrCatalogRef: string): KnowledgeEntry | null {
  const key = entryIdOrCatalogRef.trim();
  const byId = BY_ID.get(key.toLowerCase());
  if (byId) return byId;
  const ref = key.toUpperCase();
  return KNOWLEDGE_BASE.find((entry) => entry.catalogRefs.includes(ref)) ?? null;
}
