// Filters a timeline page by actor or tag in place, and opens every quote before printing. Without this script
// the filter links lead to the actor and tag pages, and quotes open on click. It writes text only (textContent).
(function () {
  "use strict";
  var timeline = document.querySelector(".tl[data-filterable]");
  var status = document.querySelector(".tl-filter-status");
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-filter]"));

  function apply(link) {
    var token = link ? link.getAttribute("data-filter") : "";
    var shown = 0;
    timeline.querySelectorAll(".tl-event").forEach(function (item) {
      var tokens = (item.getAttribute("data-filters") || "").split(" ");
      var match = !token || tokens.indexOf(token) >= 0;
      item.hidden = !match;
      if (match) shown += 1;
    });
    timeline.querySelectorAll(".tl-year").forEach(function (year) {
      year.hidden = !year.querySelector(".tl-event:not([hidden])");
    });
    links.forEach(function (other) {
      if (other === link) other.setAttribute("aria-current", "true");
      else other.removeAttribute("aria-current");
    });
    status.textContent = "";
    status.hidden = !link;
    if (!link) return;
    status.appendChild(document.createTextNode(
      "Showing " + shown + " event" + (shown === 1 ? "" : "s") + " with \u201c" + link.textContent + "\u201d."));
    var all = document.createElement("button");
    all.type = "button";
    all.textContent = "Show all events";
    all.addEventListener("click", function () { apply(null); });
    status.appendChild(all);
  }

  if (timeline && status) {
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // new tab: the page
        event.preventDefault();
        apply(link.getAttribute("aria-current") === "true" ? null : link);
      });
    });
  }

  // Material's search overlay is a dialog without a name; screen readers announce it as "Search".
  var search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.tl-quote").forEach(function (details) { details.open = true; });
  });
})();
