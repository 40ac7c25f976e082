import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@openai-monitoring/ai-app-testing';

/** The recorded exchanges stay in the shared folder beside the repository; they are never copied in. */
export const CORPUS_DIR = resolve(WORKSPACE_ROOT, '..', 'shared', 'real-openai');

export const CORPUS_MISSING = '../shared/real-openai is missing: the replay suite needs the recorded corpus';

export interface IndexEntry {
  file: string;
  method: string;
  path: string;
  status: number;
  streaming: boolean;
  source: { repo: string; path: string; commit: string; index: number };
}

export interface Recording {
  /** The file name without folder and extension, e.g. `chat-200-crewai-001`. */
  name: string;
  source: IndexEntry['source'];
  streaming: boolean;
  request: { method: string; path: string; body: Record<string, unknown> | null };
  response: { status: number; headers: Record<string, string>; body: string };
}

export function corpusPresent(): boolean {
  return existsSync(join(CORPUS_DIR, 'index.json'));
}

export function corpusIndex(): IndexEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'index.json'), 'utf8')) as IndexEntry[];
}

export function nameOf(entry: IndexEntry): string {
  return entry.file.replace(/^interactions\//, '').replace(/\.json$/, '');
}

/** Read when its test runs: one recording holds a 2.4 MB image. */
export function readRecording(entry: IndexEntry): Recording {
  const stored = JSON.parse(readFileSync(join(CORPUS_DIR, entry.file), 'utf8')) as Omit<Recording, 'name' | 'streaming'>;
  return { ...stored, name: nameOf(entry), streaming: entry.streaming };
}

export function isEventStream(recording: Recording): boolean {
  return /^text\/event-stream/i.test(recording.response.headers['content-type'] ?? '');
}
