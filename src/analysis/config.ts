import { readFileSync } from 'node:fs';
import bundled from '../../config/languages.json' with { type: 'json' };
import { analysisConfigFile } from '../env.ts';

export interface LanguageConfigFile {
  languages: Record<string, { label: string; chain: string[]; stemmer?: string; stopwords?: string; keep?: string[]; extraStopwords?: string[] }>;
  fallbackChain: string[];
  fallbackStemmer: string;
}

/**
 * The analysis chains: config/languages.json, or the file ANALYSIS_CONFIG names (read once
 * at start). The indexer and the gateway must run with the same file, or queries and the
 * index will disagree on stems and stop words.
 */
export const CONFIG_FILE = analysisConfigFile();

function load(file: string): LanguageConfigFile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LanguageConfigFile;
  } catch (err) {
    throw new Error(`ANALYSIS_CONFIG=${file} cannot be used: ${(err as Error).message}`);
  }
}

export const languageConfig: LanguageConfigFile = CONFIG_FILE ? load(CONFIG_FILE) : (bundled as LanguageConfigFile);
