// The search page: reads the index Opsbook writes under search/ (see SearchIndex.swift),
// cutting the query into the same tokens the index holds. A separate file: pages allow no
// inline script. Results are built as DOM nodes, never as HTML from the index.
(function () {
  var list = document.getElementById("search-results");
  if (!list) return;
  var status = document.getElementById("search-status");
  var meta = list.getAttribute("data-meta");
  var base = meta.slice(0, meta.lastIndexOf("/") + 1);
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var box = document.querySelector(".search-form input[name=q]");
  if (box) box.value = query;  // the header's box keeps what was asked

  // Questions are asked in words ("磁带库备份失败怎么办"): keep the words that name things.
  function processTerm(term) {
    return term
      .replace(/怎么办|怎么处理|怎么|如何|在哪台|在哪个|在哪里|在哪|哪台|哪个|哪些|是什么|什么|为什么|吗|呢|[？?！!。，,、]/g, " ")
      .replace(/(\S)上(?=\s|$)/g, "$1")
      .replace(/\s+/g, " ")
      .trim();
  }

  // SearchTokens in SearchIndex.swift, for a query: Chinese runs as pairs (one character
  // alone as itself), other words whole (the index holds every prefix of a word, up to 24).
  function isCJK(code) {
    return (code >= 0x3040 && code <= 0x30FF) || (code >= 0x3400 && code <= 0x4DBF) || (code >= 0x4E00 && code <= 0x9FFF) ||
      (code >= 0xAC00 && code <= 0xD7AF) || (code >= 0xF900 && code <= 0xFAFF) || (code >= 0x20000 && code <= 0x2FFFF);
  }
  var wordChar = /[\p{Alphabetic}\p{N}]/u;
  function isWord(ch) { return !isCJK(ch.codePointAt(0)) && wordChar.test(ch); }
  // SearchTokens.folded: full-width ASCII to ASCII, the ideographic space to a space, lowercase.
  function fold(ch) {
    var code = ch.codePointAt(0);
    if (code >= 0xFF01 && code <= 0xFF5E) return String.fromCharCode(code - 0xFEE0).toLowerCase();
    if (code === 0x3000) return " ";
    return isCJK(code) ? ch : ch.toLowerCase();
  }
  function normalize(text) { return Array.from(text, fold).join(""); }

  function analyze(text) {
    var chars = Array.from(normalize(text)), tokens = [], phrases = [], i = 0;
    while (i < chars.length) {
      var start = i;
      if (isCJK(chars[i].codePointAt(0))) {
        while (i < chars.length && isCJK(chars[i].codePointAt(0))) i++;
        var run = chars.slice(start, i);
        if (run.length === 1) tokens.push(run[0]);
        for (var p = 0; p + 1 < run.length; p++) tokens.push(run[p] + run[p + 1]);
        phrases.push(run.join(""));
      } else if (isWord(chars[i])) {
        while (i < chars.length && (isWord(chars[i]) || (i + 1 < chars.length && ".-_".indexOf(chars[i]) >= 0 && isWord(chars[i + 1])))) i++;
        var word = chars.slice(start, i);
        if (word.length >= 2) { tokens.push(word.slice(0, 24).join("")); phrases.push(word.join("")); }
      } else {
        i++;
      }
    }
    return { tokens: tokens.filter(function (t, n) { return tokens.indexOf(t) === n; }), phrases: phrases };
  }

  function hash(token) {  // FNV-1a over UTF-8, as SearchTokens.hash
    var bytes = new TextEncoder().encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  var cache = {};
  function json(path) {
    if (!cache[path]) cache[path] = fetch(base + path).then(function (r) { if (!r.ok) throw new Error(path); return r.json(); });
    return cache[path];
  }

  // Pages holding every token first, then by weight; the records of the first ones are
  // read to keep those holding each phrase exactly (a pair index alone would also match
  // 数据库 … 库管理 for 数据库管理).
  async function search(text) {
    var asked = analyze(processTerm(text));
    if (!asked.tokens.length) return null;
    var info = await json("meta.json");
    var shards = await Promise.all(asked.tokens.map(function (t) { return json("index/" + (hash(t) % info.shards) + ".json"); }));
    var score = {}, hits = {};
    asked.tokens.forEach(function (token, n) {
      var postings = shards[n][token] || [];
      var idf = Math.log(1 + info.pages / Math.max(1, postings.length / 2));
      for (var i = 0; i < postings.length; i += 2) {
        score[postings[i]] = (score[postings[i]] || 0) + postings[i + 1] * idf;
        hits[postings[i]] = (hits[postings[i]] || 0) + 1;
      }
    });
    var ranked = Object.keys(score).map(Number).sort(function (a, b) { return hits[b] - hits[a] || score[b] - score[a] || a - b; });
    var all = ranked.filter(function (page) { return hits[page] === asked.tokens.length; }).length;
    var exact = [], near = [];
    for (var start = 0; start < ranked.length && exact.length < 10 && start < 120; start += 12) {
      var batch = ranked.slice(start, start + 12);
      var records = await Promise.all(batch.map(function (page) { return json("pages/" + page + ".json"); }));
      records.forEach(function (record) {
        var text = normalize(record.title + "\n" + record.text + "\n" + (record.excerpt || ""));
        (asked.phrases.every(function (phrase) { return text.indexOf(phrase) >= 0; }) ? exact : near).push(record);
      });
    }
    return { results: exact.concat(near).slice(0, 10), count: all, phrases: asked.phrases };
  }

  // An excerpt around the first phrase found, each phrase marked.
  function excerpt(text, phrases) {
    var lower = text.toLowerCase(), at = -1;
    phrases.forEach(function (phrase) { var i = lower.indexOf(phrase); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var from = Math.max(0, at - 50), to = Math.min(text.length, (at < 0 ? 0 : at) + 110);
    var piece = (from > 0 ? "…" : "") + text.slice(from, to).replace(/\s+/g, " ") + (to < text.length ? "…" : "");
    var fragment = document.createDocumentFragment(), lowerPiece = piece.toLowerCase(), i = 0;
    while (i < piece.length) {
      var next = -1, length = 0;
      phrases.forEach(function (phrase) { var j = lowerPiece.indexOf(phrase, i); if (j >= 0 && (next < 0 || j < next)) { next = j; length = phrase.length; } });
      if (next < 0 || length === 0) { fragment.appendChild(document.createTextNode(piece.slice(i))); break; }
      fragment.appendChild(document.createTextNode(piece.slice(i, next)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + length);
      fragment.appendChild(mark);
      i = next + length;
    }
    return fragment;
  }

  function show(found) {
    list.textContent = "";
    if (!found) { status.textContent = list.getAttribute("data-short"); return; }
    if (!found.results.length) { status.textContent = list.getAttribute("data-none").replace("{q}", query); return; }
    status.textContent = list.getAttribute("data-found").replace("{n}", String(Math.max(found.count, found.results.length)));
    found.results.forEach(function (record) {
      var item = document.createElement("li"), link = document.createElement("a"), type = document.createElement("span");
      link.className = "search-result-title";
      link.href = record.href;
      link.textContent = record.title;
      type.className = "search-result-type";
      type.textContent = record.type;
      var text = document.createElement("p");
      text.className = "search-result-excerpt";
      // From the page's prose (its start, if the words are only in its properties); a page without prose, from its text.
      text.appendChild(excerpt(record.excerpt || record.text, found.phrases));
      item.appendChild(link);
      if (record.type) item.appendChild(type);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  if (!query.trim()) { status.textContent = list.getAttribute("data-short"); return; }
  search(query).then(show).catch(function () { status.textContent = list.getAttribute("data-failed"); });
})();
