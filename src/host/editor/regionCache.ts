/**
 * One-entry-per-document cache of comment/string regions (lexical.ts), keyed by the
 * document's version, so hovers and cursor moves on an unchanged file do not rescan it.
 * Pure: keys are strings, no vscode types.
 */
import { scanRegions, type LanguageFamily, type Region } from '../../core/recognise/lexical';

/** Documents remembered at most (least recently used is dropped). */
const MAX_DOCUMENTS = 16;

/** Regions by document key and version. */
export class RegionCache {
  private readonly docs = new Map<string, { version: number; family: LanguageFamily; regions: Region[] }>();

  /** Regions of `text`, rescanned only when `version` or `family` changed. */
  get(key: string, version: number, text: string, family: LanguageFamily): Region[] {
    const hit = this.docs.get(key);
    this.docs.delete(key);
    if (hit && hit.version === version && hit.family === family) {
      this.docs.set(key, hit);
      return hit.regions;
    }
    const regions = scanRegions(text, family);
    this.docs.set(key, { version, family, regions });
    if (this.docs.size > MAX_DOCUMENTS) this.docs.delete(this.docs.keys().next().value as string);
    return regions;
  }

  /** Forgets a closed document. */
  delete(key: string): void {
    this.docs.delete(key);
  }
}
