// Types for e2e-setup.mjs, so the TypeScript tests can import it.
export declare const ROOT: string;
export declare const CACHE: string;
export declare const CODE_SERVER_VERSION: string;
export interface ToolPaths {
  chromium: string;
  node24: string;
  node24Bin: string;
  codeServerEntry: string;
}
export declare const paths: ToolPaths;
export declare function node24Env(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function setup(): Promise<ToolPaths>;
