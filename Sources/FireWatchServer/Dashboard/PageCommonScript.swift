/// What the pages (`/`, `/station`, `/reports`) share, served as `/dashboard/common.js` before each
/// page's own script: the `#token=…&k=v` fragment, and the token kept for the browser tab.
enum PageCommonScript {
    static let js = #"""
        window.FWPage = (function () {
          'use strict';
          /// The fragment's parameters (`#token=T&station=S`), decoded.
          function hash() {
            var out = {};
            location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
              if (!kv) return;
              var i = kv.indexOf('=');
              // A malformed escape is passed over, never the end of the page.
              try { out[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1)); } catch (e) {}
            });
            return out;
          }
          /// The token of `#token=` (kept for the tab), else the one the tab kept; null when neither.
          function token(params) {
            if (params.token) sessionStorage.setItem('fw.token', params.token);
            return params.token || sessionStorage.getItem('fw.token') || null;
          }
          return { hash: hash, token: token };
        })();
        """#
}
