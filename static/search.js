// Starts Pagefind's search UI on the search page, relative to wherever the site is published
// (a domain's root or a sub-path), and runs the query from the header's search box (?q=).
(function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  var root = new URL(element.getAttribute("data-root"), window.location.href);
  // A large site's index comes in shards (pagefind/shard-1/…); results from all are merged.
  var shards = (element.getAttribute("data-shards") || "").split(" ").filter(Boolean)
    .map(function (dir) { return { bundlePath: new URL(dir, root).pathname, baseUrl: root.pathname }; });
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL("pagefind/", root).pathname,
    baseUrl: root.pathname,
    mergeIndex: shards,
    showImages: false,
    resetStyles: false
  });
  // Pagefind's box has only a placeholder; give it a real accessible name.
  var named = function () {
    var input = element.querySelector("input");
    if (input) input.setAttribute("aria-label", "Search the stories");
    return Boolean(input);
  };
  if (!named()) new MutationObserver(function (_, observer) { if (named()) observer.disconnect(); })
    .observe(element, { childList: true, subtree: true });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
