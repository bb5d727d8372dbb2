// Types for vscode.mjs, so the TypeScript tests can import it.
import type { ChildProcess } from 'node:child_process';

export declare const VSIX: string;
export declare const DEFAULT_SETTINGS: Record<string, unknown>;

export interface Profile {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
}

export interface RunningEditor {
  url: string;
  port: number;
  logFile: string;
  process: ChildProcess;
  stop(timeoutMs?: number): Promise<void>;
}

export declare function build(): void;
export declare function packageVsix(out?: string): string;
export declare function freshProfile(
  dir: string,
  options?: { vsix?: string | null; settings?: Record<string, unknown> },
): Profile;
export declare function freePort(preferred?: number): Promise<number>;
export declare function startCodeServer(options: {
  workspace: string;
  port: number;
  profile: Profile;
  timeoutMs?: number;
}): Promise<RunningEditor>;
export declare function launchEditor(options: {
  workspace: string;
  port?: number;
  preferredPort?: number;
  profileName: string;
  settings?: Record<string, unknown>;
}): Promise<RunningEditor>;
