import FireWatchReports

/// The assessment page (`/reports`): a period, a level and a street; the report itself is the API's
/// HTML body (`format=html&fragment=1`), the same one `firewatch report` writes, with its charts; links
/// download CSV, JSON and the stand-alone HTML. Chinese first with an English switch; token from `#token=`.
enum ReportsPage {
    static func html(language: String) -> String {
        let lang = language == "en" ? "en" : "zh"
        return #"""
            <!doctype html>
            <html lang="\#(lang == "zh" ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FireWatch · 督导考核</title>
            <link rel="stylesheet" href="/dashboard/report.css">
            </head>
            <body data-lang="\#(lang)">
            <form id="query" class="no-print">
              <label><span data-zh="开始" data-en="From"></span> <input type="date" id="from" required></label>
              <label><span data-zh="结束" data-en="To"></span> <input type="date" id="to" required></label>
              <label><span data-zh="层级" data-en="Level"></span>
                <select id="level">
                  <option value="street" data-zh="街镇" data-en="street"></option>
                  <option value="station" data-zh="微型消防站" data-en="station"></option>
                  <option value="community" data-zh="居委" data-en="community"></option>
                </select></label>
              <label><span data-zh="街镇编号" data-en="Street id"></span> <input id="street" size="12"></label>
              <button type="submit" data-zh="生成" data-en="Show"></button>
              <button type="button" id="lang">中文 / EN</button>
              <a id="csv" href="#" data-zh="下载 CSV" data-en="CSV"></a>
              <a id="json" href="#" data-zh="下载 JSON" data-en="JSON"></a>
              <a id="html" href="#" data-zh="下载 HTML" data-en="HTML"></a>
            </form>
            <p id="notice" class="no-print" hidden></p>
            <div id="report"></div>
            <script src="/dashboard/common.js"></script>
            <script src="/dashboard/reports.js"></script>
            </body>
            </html>
            """#
    }

    static let css = ReportHTML.css + """

        #query{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:12px;font-size:14px}
        #query input,#query select,#query button{font-size:14px;padding:3px 6px}
        #notice{color:#a00}
        @media print{.no-print{display:none}}
        """

    static let js = #"""
        (function () {
          'use strict';
          var S = { lang: 'zh', token: null };
          function $(id) { return document.getElementById(id); }
          var hash = FWPage.hash;
          function applyLang() {
            document.documentElement.lang = S.lang === 'zh' ? 'zh-CN' : 'en';
            Array.prototype.forEach.call(document.querySelectorAll('[data-zh]'), function (n) {
              n.textContent = n.getAttribute('data-' + S.lang);
            });
          }
          function query(format) {
            var q = 'from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value) +
              '&level=' + encodeURIComponent($('level').value) + '&format=' + format + '&lang=' + S.lang;
            if ($('street').value) q += '&street=' + encodeURIComponent($('street').value);
            return '/api/v1/reports?' + q;
          }
          function get(path) {
            var headers = {};
            if (S.token) headers['Authorization'] = 'Bearer ' + S.token;
            return fetch(path, { headers: headers }).then(function (r) {
              return r.text().then(function (text) { return { status: r.status, text: text, type: r.headers.get('Content-Type') || '' }; });
            });
          }
          function notice(text) { $('notice').textContent = text; $('notice').hidden = !text; }
          function show() {
            notice('');
            get(query('html') + '&fragment=1').then(function (r) {
              if (r.status !== 200) {
                var why = r.text;
                try { why = JSON.parse(r.text).error; } catch (e) {}
                notice((S.lang === 'zh' ? '无法生成报告：' : 'No report: ') + why);
                return;
              }
              // The server's own HTML (escaped there); parsed, then adopted node by node.
              var doc = new DOMParser().parseFromString(r.text, 'text/html');
              var box = $('report');
              while (box.firstChild) box.removeChild(box.firstChild);
              Array.prototype.forEach.call(doc.body.childNodes, function (n) { box.appendChild(document.importNode(n, true)); });
            }).catch(function (e) { notice((S.lang === 'zh' ? '无法连接服务器：' : 'Cannot reach the server: ') + e); });
          }
          function download(format, name) {
            get(query(format)).then(function (r) {
              if (r.status !== 200) { notice(r.text); return; }
              var a = document.createElement('a');
              a.href = URL.createObjectURL(new Blob([r.text], { type: r.type }));
              a.download = name;
              document.body.appendChild(a);
              a.click();
              a.remove();
              setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
            }).catch(function (e) { notice(String(e)); });
          }
          /// The local calendar day (the district's, as the browser keeps it), not UTC's.
          function day(d) {
            function two(n) { return (n < 10 ? '0' : '') + n; }
            return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
          }
          function start() {
            var p = hash();
            S.lang = p.lang || localStorage.getItem('fw.lang') || document.body.getAttribute('data-lang') || 'zh';
            S.token = FWPage.token(p);
            var now = new Date();
            $('to').value = p.to || day(now);
            $('from').value = p.from || day(new Date(now.getTime() - 29 * 86400000));
            if (p.level) $('level').value = p.level;
            if (p.street) $('street').value = p.street;
            $('lang').onclick = function () { S.lang = S.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('fw.lang', S.lang); applyLang(); show(); };
            $('query').onsubmit = function (e) { e.preventDefault(); show(); };
            $('csv').onclick = function (e) { e.preventDefault(); download('csv', 'firewatch-report.csv'); };
            $('json').onclick = function (e) { e.preventDefault(); download('json', 'firewatch-report.json'); };
            $('html').onclick = function (e) { e.preventDefault(); download('html', 'firewatch-report.html'); };
            if (!S.token) {
              S.token = window.prompt(S.lang === 'zh' ? '请输入访问令牌' : 'API token') || null;
              if (S.token) sessionStorage.setItem('fw.token', S.token);
            }
            applyLang();
            show();
          }
          start();
        })();
        """#
}
