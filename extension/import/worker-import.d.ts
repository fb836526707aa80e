// Vite's `?worker` import (https://vite.dev/guide/features#import-with-query-suffixes): the default export is a
// constructor for a dedicated worker running the bundled module. Declared here rather than pulling all of
// `vite/client`'s ambient types into the project's one tsconfig.
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
