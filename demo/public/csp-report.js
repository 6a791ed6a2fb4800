// Counts Content-Security-Policy violations on the strict-CSP demo page, so a person (and the tests) can see it stays at 0.
let violations = 0;
document.addEventListener('securitypolicyviolation', (event) => {
  violations++;
  const status = document.getElementById('csp-violations');
  if (status) status.textContent = `Pelanggaran CSP: ${violations} (${event.violatedDirective})`;
});
