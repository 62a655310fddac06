// tus-js-client's browser build (the package's `browser` field), typed by the package's own declarations.
declare module 'tus-js-client/lib.esm/browser/index.js' {
  export * from 'tus-js-client';
}
