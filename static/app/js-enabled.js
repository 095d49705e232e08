// Run at the top of <body>: GOV.UK Frontend styles depend on these classes (no inline script, for CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
