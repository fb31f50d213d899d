// Sphinx cuts each search result's snippet from the page's [role="main"]; in this
// theme that element also holds the header buttons (language switch, colour
// mode…), so snippets began with their labels. Cut the snippet from the article
// text only. Deferred: runs after searchtools.js, before Search.init.
if (typeof Search !== "undefined" && Search.htmlToText) {
  const fromMain = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(
      ".bd-header-article, .bd-sidebar-secondary, .prev-next-area, .bd-footer-article, .bd-footer-content",
    ).forEach((el) => el.remove());
    return fromMain(page.documentElement.outerHTML, anchor);
  };
}
