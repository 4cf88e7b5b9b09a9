// Starts Pagefind's search UI on the search page and runs the query from ?q= (the search
// box in every page's header submits there). A separate file: pages allow no inline script.
(function () {
  // Questions are asked in words ("磁带库备份失败怎么办"): keep the words that name things.
  // IPv4 addresses are indexed as one token (ip010010001011), as Pagefind splits at dots.
  function processTerm(term) {
    var ip = term.trim().match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
    if (ip) return "ip" + ip.slice(1).map(function (n) { return ("00" + n).slice(-3); }).join("");
    return term
      .replace(/怎么办|怎么处理|怎么|如何|在哪台|在哪个|在哪里|在哪|哪台|哪个|哪些|是什么|什么|为什么|吗|呢|[？?！!。，,、]/g, " ")
      .replace(/(\S)上(?=\s|$)/g, "$1")
      .replace(/\s+/g, " ")
      .trim();
  }

  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: element.getAttribute("data-placeholder") || "" },
    processTerm: processTerm
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
