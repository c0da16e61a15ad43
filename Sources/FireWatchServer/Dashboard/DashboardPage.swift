/// The dashboard's HTML and CSS, embedded in the binary: the page works on a district server with no
/// internet (no CDN, no map tiles, no web fonts).
enum DashboardPage {
    /// The page; `language` is the one it starts in (`zh` or `en`).
    static func html(language: String) -> String {
        let lang = language == "en" ? "en" : "zh"
        return #"""
            <!doctype html>
            <html lang="\#(lang == "zh" ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FireWatch</title>
            <link rel="stylesheet" href="/dashboard/app.css">
            </head>
            <body data-lang="\#(lang)">
            <header>
              <h1 data-i18n="title">FireWatch</h1>
              <span id="conn" class="conn down" data-i18n="offline"></span>
              <span id="who"></span>
              <button id="lang" type="button">中文 / EN</button>
            </header>
            <div id="notice" hidden></div>
            <main>
              <section id="alarms-panel">
                <h2><span data-i18n="alarms"></span> <span id="alarm-count" class="count">0</span></h2>
                <table id="alarms">
                  <thead><tr>
                    <th data-i18n="kind"></th><th data-i18n="state"></th><th data-i18n="device"></th>
                    <th data-i18n="address"></th><th data-i18n="station"></th><th data-i18n="age"></th><th data-i18n="actions"></th>
                  </tr></thead>
                  <tbody></tbody>
                </table>
                <p id="no-alarms" class="empty" data-i18n="no_alarms"></p>
              </section>
              <section id="map-panel">
                <h2 data-i18n="map"></h2>
                <svg id="map" viewBox="0 0 1000 700" preserveAspectRatio="xMidYMid meet" role="img"></svg>
                <p class="legend">
                  <span class="dot device"></span><span data-i18n="legend_device"></span>
                  <span class="dot station"></span><span data-i18n="legend_station"></span>
                  <span class="dot alarm"></span><span data-i18n="legend_alarm"></span>
                </p>
              </section>
              <section id="index-panel">
                <h2 data-i18n="index"></h2>
                <table id="index">
                  <thead><tr>
                    <th data-i18n="street"></th><th data-i18n="score"></th><th data-i18n="grade"></th><th data-i18n="devices"></th>
                    <th data-i18n="open_hazards"></th><th data-i18n="overdue"></th><th data-i18n="open_fire_alarms"></th>
                  </tr></thead>
                  <tbody></tbody>
                </table>
                <p id="index-note" class="empty"></p>
              </section>
              <section id="hazards-panel">
                <h2><span data-i18n="hazards"></span> <span id="hazard-count" class="count hz">0</span></h2>
                <form id="hazard-filter" class="filters">
                  <select name="street" id="hf-street"></select>
                  <select name="community" id="hf-community"></select>
                  <select name="unit" id="hf-unit"></select>
                  <select name="kind" id="hf-kind"></select>
                  <select name="state" id="hf-state"></select>
                  <label><input type="checkbox" name="overdue" id="hf-overdue"> <span data-i18n="only_overdue"></span></label>
                </form>
                <table id="hazards">
                  <thead><tr>
                    <th data-i18n="kind"></th><th data-i18n="state"></th><th data-i18n="street"></th><th data-i18n="description"></th>
                    <th data-i18n="due"></th><th data-i18n="assignee"></th><th data-i18n="photos"></th><th data-i18n="actions"></th>
                  </tr></thead>
                  <tbody></tbody>
                </table>
                <p id="no-hazards" class="empty" data-i18n="no_hazards"></p>
                <form id="patrol" hidden>
                  <h3 data-i18n="patrol"></h3>
                  <select name="kind" id="pf-kind" required></select>
                  <select name="street" id="pf-street" required></select>
                  <select name="community" id="pf-community"></select>
                  <select name="unit" id="pf-unit"></select>
                  <input name="address" id="pf-address" maxlength="500" data-i18n-placeholder="address">
                  <textarea name="description" id="pf-description" maxlength="2000" required data-i18n-placeholder="description"></textarea>
                  <input type="file" name="photos" id="pf-photos" accept="image/jpeg,image/png" multiple>
                  <button type="submit" id="pf-submit" data-i18n="submit"></button>
                </form>
              </section>
              <section id="feed-panel">
                <h2 data-i18n="feed"></h2>
                <ol id="feed"></ol>
              </section>
            </main>
            <script src="/dashboard/common.js"></script>
            <script src="/dashboard/labels.js"></script>
            <script src="/dashboard/map.js"></script>
            <script src="/dashboard/app.js"></script>
            <script src="/dashboard/hazards.js"></script>
            </body>
            </html>

            """#
    }

    static let css = #"""
        :root { --bg: #0f1419; --panel: #182029; --line: #2a3440; --text: #e6e9ee; --dim: #8b96a5;
                --critical: #ff4d4f; --major: #faad14; --minor: #36cfc9; --ok: #52c41a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
               background: var(--bg); color: var(--text); }
        header { display: flex; align-items: center; gap: 16px; padding: 10px 16px; background: #0a0e12;
                 border-bottom: 1px solid var(--line); }
        header h1 { font-size: 18px; margin: 0; flex: 1; }
        button { background: #243140; color: var(--text); border: 1px solid var(--line); border-radius: 4px;
                 padding: 3px 8px; cursor: pointer; font: inherit; }
        button:hover { background: #2f4154; }
        button:disabled { opacity: .4; cursor: default; }
        select { background: #243140; color: var(--text); border: 1px solid var(--line); font: inherit; }
        .conn::before { content: "●"; margin-right: 4px; }
        .conn.up { color: var(--ok); }
        .conn.down { color: var(--critical); }
        #who { color: var(--dim); }
        #notice { background: #5c1d1d; padding: 8px 16px; }
        main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; padding: 12px; }
        section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 0; }
        #alarms-panel { grid-column: 1 / -1; }
        h2 { font-size: 15px; margin: 4px 0 8px; }
        .count { background: var(--critical); color: #fff; border-radius: 10px; padding: 0 8px; font-size: 13px; }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--dim); font-weight: normal; }
        tr.critical td:first-child { border-left: 4px solid var(--critical); }
        tr.major td:first-child { border-left: 4px solid var(--major); }
        tr.minor td:first-child { border-left: 4px solid var(--minor); }
        tr.unacked { background: #2a1a1a; }
        .en { color: var(--dim); font-size: 12px; margin-left: 4px; }
        .badge { display: inline-block; font-size: 12px; border-radius: 3px; padding: 0 5px; margin: 1px 2px 0 0;
                 background: #2f3b48; }
        .badge.confirmed { background: #7a1f1f; }
        .badge.cleared { background: #23433a; }
        .mono { font-family: ui-monospace, Menlo, Consolas, monospace; }
        .dim { color: var(--dim); }
        .empty { color: var(--dim); }
        .actions button { margin: 0 4px 2px 0; }
        #map { width: 100%; height: auto; background: #0b1016; border-radius: 4px; }
        #map .device { fill: #5b6b7c; }
        #map .station { stroke: #0b1016; stroke-width: 1; }
        #map .station.available { fill: var(--ok); }
        #map .station.busy { fill: var(--major); }
        #map .station.out_of_service { fill: #666; }
        #map .alarm { fill: var(--critical); fill-opacity: .85; stroke: #fff; stroke-width: 1.5; }
        #map .alarm.major { fill: var(--major); }
        #map .alarm.minor { fill: var(--minor); }
        #map .halo { fill: none; stroke: var(--critical); stroke-width: 2; animation: pulse 1.6s ease-out infinite; }
        #map .street-label { fill: #9fb0c2; font-size: 13px; text-anchor: middle; paint-order: stroke;
                             stroke: #0b1016; stroke-width: 3px; }
        #map .street-label.yellow { fill: #fadb14; } #map .street-label.orange { fill: #fa8c16; }
        #map .street-label.red { fill: #ff4d4f; } #map .street-label.green { fill: #95de64; }
        #map .alarm-label { fill: #fff; font-size: 12px; paint-order: stroke; stroke: #0b1016; stroke-width: 3px; }
        #map .scale { stroke: var(--dim); stroke-width: 2; } #map .scale-text { fill: var(--dim); font-size: 12px; }
        @keyframes pulse { from { stroke-opacity: 1; r: 8; } to { stroke-opacity: 0; r: 26; } }
        .legend { color: var(--dim); margin: 6px 0 0; }
        .legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 12px; }
        .legend .dot.device { background: #5b6b7c; } .legend .dot.station { background: var(--ok); border-radius: 0; }
        .legend .dot.alarm { background: var(--critical); }
        .grade { border-radius: 3px; padding: 0 6px; color: #000; }
        .grade.green { background: #95de64; } .grade.yellow { background: #fadb14; }
        .grade.orange { background: #fa8c16; } .grade.red { background: #ff4d4f; }
        #feed { list-style: none; margin: 0; padding: 0; max-height: 420px; overflow-y: auto; }
        #feed li { padding: 3px 0; border-bottom: 1px solid var(--line); }
        #feed .time { color: var(--dim); margin-right: 6px; }
        #hazards-panel { grid-column: 1 / -1; }
        .count.hz { background: #d46b08; }
        .filters, #patrol { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0 0 8px; }
        #patrol { border-top: 1px solid var(--line); padding-top: 8px; }
        #patrol h3 { width: 100%; font-size: 14px; margin: 0; }
        #patrol textarea { flex: 1 1 100%; min-height: 48px; }
        input, textarea { background: #0b1016; color: var(--text); border: 1px solid var(--line); border-radius: 4px; font: inherit; padding: 3px 6px; }
        .thumb { width: 48px; height: 48px; object-fit: cover; margin-right: 4px; border-radius: 3px; }
        tr.late td:first-child { border-left: 4px solid var(--critical); }
        .badge.late { background: #7a1f1f; }
        @media (max-width: 900px) { main { grid-template-columns: 1fr; } }

        """#
}
