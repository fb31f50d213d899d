// Two touches for the search page. Deferred: runs after searchtools.js and
// before Search.init.

// 1. Sphinx cuts each result's snippet from the page's [role="main"]; in this
//    theme that element also holds the header buttons (language switch, colour
//    mode…) and a print-only table of contents, so snippets began with their
//    labels. Cut them from the article only.
if (typeof Search !== "undefined" && Search.htmlToText) {
  const fromMain = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(
      ".bd-header-article, #jb-print-docs-body, .bd-sidebar-secondary, .prev-next-footer, .bd-footer-article, .bd-footer-content",
    ).forEach((el) => el.remove());
    return fromMain(page.documentElement.outerHTML, anchor);
  };
}

// 2. The language switch on the search page keeps the query, so a reader lands
//    on the same search in the other edition.
if (DOCUMENTATION_OPTIONS.pagename === "search" && location.search) {
  document.querySelectorAll("a.edition-switch").forEach((a) => {
    a.search = location.search;
  });
}
