// Stands in for react-devtools-core in dist/bundle/lvslab.js (see scripts/bundle.js): Ink imports it
// only when DEV=true, and on this error it prints how to install the real package.
const error = new Error('react-devtools-core is not part of the bundled lvslab');
error.code = 'ERR_MODULE_NOT_FOUND';
throw error;

// Never reached; Ink imports a default export.
export default null;
