// The shell's one script (no inline script: the CSP stays strict).
// Dark mode: follows the system (prefers-color-scheme) until the reader picks one with the
// button; the choice is kept in localStorage. Loaded in <head> so no page flashes light.
(function () {
  var root = document.documentElement;
  // Without this class (no JavaScript) the phone menu stays an open list instead of a drawer.
  root.classList.add("js");
  var saved = null;
  try { saved = localStorage.getItem("opsbook-theme"); } catch (e) {}
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.addEventListener("DOMContentLoaded", function () {
    menuDrawer();
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

  // Phones: the side menu is a drawer behind the menu button, closed by the button, Escape,
  // a tap outside it or following one of its links.
  function menuDrawer() {
    var button = document.getElementById("menu-toggle");
    var nav = document.getElementById("sidenav");
    if (!button || !nav) return;
    function setOpen(open) {
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      setOpen(!nav.classList.contains("open"));
      if (nav.classList.contains("open")) { var first = nav.querySelector("a"); if (first) first.focus(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) { setOpen(false); button.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (nav.classList.contains("open") && !nav.contains(event.target)) setOpen(false);
    });
  }
})();
