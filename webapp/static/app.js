// Minimal enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Search: toggling the cross-language box re-runs the search.
  const cross = document.querySelector("#search-form input[name=cross]");
  if (cross) cross.addEventListener("change", () => cross.form.requestSubmit());
  // SPARQL: Ctrl/Cmd+Enter runs the query.
  const editor = document.querySelector("form.sparql textarea");
  if (editor) editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); editor.form.requestSubmit(); }
  });
});
