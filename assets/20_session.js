/* A session that ended (8 hours after login, a logout elsewhere, a password change)
   makes the server answer Dash's requests with 401. Instead of a page that silently
   stops updating, go to the login page; after logging in the user is back here. */
(function () {
  if (!window.fetch || window.__leefloonSessionWatch) { return; }
  window.__leefloonSessionWatch = true;
  var fetch = window.fetch;
  window.fetch = function () {
    return fetch.apply(this, arguments).then(function (response) {
      if (response.status === 401 && response.url.indexOf("/_dash-") !== -1) {
        var here = window.location.pathname + window.location.search;
        window.location.assign("/login?next=" + encodeURIComponent(here));
      }
      return response;
    });
  };
})();
