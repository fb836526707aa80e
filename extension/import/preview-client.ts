// The Options page's side of the import worker: the same preview as previewCaseloadFile, worked out off the page's
// thread so the page keeps painting progress and answering clicks. Where a worker cannot start (an old browser, a
// test without workers), the preview is worked out on the page as before: the same function, the same result.
import type { ImportChoices } from '../../shared/index';
import type { Caseload } from '../store/caseload';
import { type FilePreview, ImportError, previewCaseloadFile } from './caseload-file';
import type { PreviewReply, PreviewRequest } from './preview-protocol';
// Vite bundles the worker with what it imports into one file of the extension's own (no remote code). WXT defines
// `import.meta.url` as `self.location.href`, so `new Worker(new URL('./x.ts', import.meta.url))` is not bundled
// (wxt-dev/wxt#2032); the `?worker` import is.
import PreviewWorker from './preview-worker?worker';

export interface PreviewOptions {
  choices?: ImportChoices;
  onStep?: (step: string) => void;
  now?: number;
}

interface Started {
  worker: Worker;
  /** The script could not be loaded (or threw at start): an `error` came before any message. */
  failed: boolean;
}

function startWorker(): Started | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const started: Started = { worker: new PreviewWorker(), failed: false };
    started.worker.addEventListener('error', () => {
      started.failed = true;
    });
    return started;
  } catch {
    return undefined;
  }
}

/** A worker started ahead of the next preview: loading and compiling its script took 0.3–0.5 s of the wait on a
 * busy two-core machine, time the page can spend before a file is chosen. */
let prepared: Started | undefined;

export function prepareImportWorker(): void {
  prepared ??= startWorker();
}

export function discardImportWorker(): void {
  prepared?.worker.terminate();
  prepared = undefined;
}

function takeWorker(): Started | undefined {
  const started = prepared ?? startWorker();
  prepared = undefined;
  return started;
}

/** The file's preview against `current`, from the import worker (or on the page when no worker can start). */
export function previewInWorker(fileName: string, bytes: Uint8Array, current: Caseload, opts: PreviewOptions = {}): Promise<FilePreview> {
  const now = opts.now ?? Date.now();
  const choices = opts.choices ?? {};
  const onPage = () => previewCaseloadFile(fileName, bytes, current, { choices, now, ...(opts.onStep ? { onStep: opts.onStep } : {}) });
  const started = takeWorker();
  if (!started || started.failed) {
    started?.worker.terminate();
    return onPage();
  }
  const { worker } = started;
  return new Promise<FilePreview>((resolve, reject) => {
    let answered = false;
    worker.addEventListener('message', (e: MessageEvent<PreviewReply>) => {
      answered = true;
      const reply = e.data;
      if (reply.kind === 'step') return opts.onStep?.(reply.step);
      worker.terminate();
      if (reply.kind === 'done') resolve(reply.file);
      else reject(reply.known ? new ImportError(reply.message) : new Error(reply.message));
    });
    worker.addEventListener('error', (e) => {
      worker.terminate();
      // A worker that never answered could not start (its script refused or missing): work it out on the page.
      if (!answered) onPage().then(resolve, reject);
      else reject(new Error(e.message || 'The import worker failed.'));
    });
    worker.postMessage({ fileName, bytes, current, choices, now } satisfies PreviewRequest);
  });
}
