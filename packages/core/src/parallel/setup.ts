/** How a worker thread finds the same rules and settings as the thread that starts it. */
export interface WorkerSetup {
  /** The config file whose settings the worker applies (null: the defaults). */
  configFile: string | null;
  rulesDir: string;
  /** Files larger than this are handed back to the main thread (answer `'main'`). */
  maxFileBytes?: number;
}
