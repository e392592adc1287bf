// Progressive enhancement: paginate long lists; without JavaScript everything is shown.
(function () {
  document.querySelectorAll("[data-paginate]").forEach(function (list) {
    var size = parseInt(list.getAttribute("data-paginate"), 10);
    var items = Array.prototype.slice.call(list.children);
    if (items.length <= size) { return; }
    var pages = Math.ceil(items.length / size), page = 0;
    var pager = document.createElement("div");
    pager.className = "pager";
    var prev = document.createElement("button"), next = document.createElement("button");
    var status = document.createElement("span");
    status.setAttribute("aria-live", "polite");
    prev.textContent = "Previous"; next.textContent = "Next";
    function show() {
      items.forEach(function (item, i) {
        item.classList.toggle("hidden-page", Math.floor(i / size) !== page);
      });
      status.textContent = "Page " + (page + 1) + " of " + pages;
      prev.disabled = page === 0; next.disabled = page === pages - 1;
    }
    prev.addEventListener("click", function () { page -= 1; show(); });
    next.addEventListener("click", function () { page += 1; show(); });
    pager.append(prev, status, next);
    list.parentNode.insertBefore(pager, list.nextSibling);
    show();
  });
})();
