// A dedicated worker for the Options import: reading a year's tracker (unzip, XML, 50,000 Log rows), the checks
// and the merge take a second or more, and on the page's own thread they froze it (no progress, no clicks). Bundled
// with the extension (no remote code); started by preview-client.ts for each preview.
import { answerPreview, type PreviewReply, type PreviewRequest } from './preview-protocol';

/** The worker's global scope, typed for the two calls used (the extension's TypeScript has the DOM lib only). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (e: MessageEvent<PreviewRequest>) => void): void;
  postMessage(reply: PreviewReply): void;
};

scope.addEventListener('message', (e) => {
  void answerPreview(e.data, (reply) => scope.postMessage(reply));
});
