// The messages between the Options page and the import worker (preview-worker.ts), and the worker's handling of
// one request, kept apart from the worker's global scope so a unit test can run it beside the in-page path.
import type { ImportChoices } from '../../shared/index';
import type { Caseload } from '../store/caseload';
import { type FilePreview, ImportError, previewCaseloadFile } from './caseload-file';

export interface PreviewRequest {
  fileName: string;
  bytes: Uint8Array;
  current: Caseload;
  choices: ImportChoices;
  now: number;
}

export type PreviewReply =
  | { kind: 'step'; step: string }
  | { kind: 'done'; file: FilePreview }
  /** `known`: an ImportError, whose message is for the person; otherwise the page says the file could not be read. */
  | { kind: 'error'; message: string; known: boolean };

/** The preview as the page needs it: without the file's Log rows (50,000 on a year's tracker), which only the
 * evidence summary already in `data` was made from. Copying them back to the page took ~0.2 s for nothing. */
export function forThePage(file: FilePreview): FilePreview {
  return { ...file, preview: { ...file.preview, logs: [] } };
}

/** Work out one preview, reporting each step and then the result (or the error) through `post`. */
export async function answerPreview(request: PreviewRequest, post: (reply: PreviewReply) => void): Promise<void> {
  try {
    const file = await previewCaseloadFile(request.fileName, request.bytes, request.current, {
      choices: request.choices,
      now: request.now,
      onStep: (step) => post({ kind: 'step', step }),
    });
    post({ kind: 'done', file: forThePage(file) });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e), known: e instanceof ImportError });
  }
}
