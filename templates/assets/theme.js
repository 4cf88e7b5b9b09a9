// Dark mode: follows the system (prefers-color-scheme) until the reader picks one with the
// button; the choice is kept in localStorage. Loaded in <head> so no page flashes light.
(function () {
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("opsbook-theme"); } catch (e) {}
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("opsbook-theme", next); } catch (e) {}
      button.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
    });
  });
})();
