// A classic script first in <head>: it records every Content Security Policy
// violation of the page from the start, in any engine, for the tests to read.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
);
