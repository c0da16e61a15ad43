/// The station duty screen (`/station`, 微型消防站值班): one station's open dispatch with address,
/// distance, ETA, a small map, the alarm's history and large answer buttons, for a phone or a duty-room
/// screen. Chinese first with an English switch; data through the API with a `station` token.
enum StationPage {
    static func html(language: String) -> String {
        let lang = language == "en" ? "en" : "zh"
        return #"""
            <!doctype html>
            <html lang="\#(lang == "zh" ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FireWatch · 微型消防站</title>
            <link rel="stylesheet" href="/dashboard/station.css">
            </head>
            <body data-lang="\#(lang)">
            <header>
              <h1 id="station-name" data-i18n="station_title"></h1>
              <span id="conn" class="conn down" data-i18n="offline"></span>
              <button id="lang" type="button">中文 / EN</button>
            </header>
            <div id="notice" hidden></div>
            <main>
              <p id="idle" class="idle" data-i18n="no_dispatch"></p>
              <section id="dispatch" hidden>
                <h2 id="alarm-kind"></h2>
                <p id="alarm-address" class="address"></p>
                <p id="alarm-place" class="dim"></p>
                <dl>
                  <dt data-i18n="distance"></dt><dd id="distance"></dd>
                  <dt data-i18n="eta"></dt><dd id="eta"></dd>
                  <dt data-i18n="deadline"></dt><dd id="deadline"></dd>
                  <dt data-i18n="state"></dt><dd id="alarm-state"></dd>
                </dl>
                <svg id="mini-map" viewBox="0 0 300 160" role="img"></svg>
                <div class="answers">
                  <button type="button" class="answer accept" data-answer="accepted" data-i18n="accepted"></button>
                  <button type="button" class="answer decline" data-answer="declined" data-i18n="declined"></button>
                  <button type="button" class="answer scene" data-answer="on_scene" data-i18n="on_scene"></button>
                  <select id="cause"></select>
                  <button type="button" class="answer resolve" data-answer="resolved" data-i18n="resolved"></button>
                </div>
                <h3 data-i18n="history"></h3>
                <ol id="history"></ol>
              </section>
              <button id="sound" type="button" data-i18n="sound_on"></button>
            </main>
            <script src="/dashboard/common.js"></script>
            <script src="/dashboard/labels.js"></script>
            <script src="/dashboard/station.js"></script>
            </body>
            </html>

            """#
    }

    static let css = #"""
        :root { --bg: #0f1419; --panel: #182029; --line: #2a3440; --text: #e6e9ee; --dim: #8b96a5; --critical: #ff4d4f; --ok: #52c41a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 17px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--text); }
        header { display: flex; align-items: center; gap: 10px; padding: 10px 14px; background: #0a0e12; border-bottom: 1px solid var(--line); }
        header h1 { font-size: 18px; margin: 0; flex: 1; }
        button, select { font: inherit; color: var(--text); background: #243140; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
        .conn::before { content: "●"; margin-right: 4px; } .conn.up { color: var(--ok); } .conn.down { color: var(--critical); }
        #notice { background: #5c1d1d; padding: 10px 14px; }
        main { padding: 12px; max-width: 720px; margin: 0 auto; }
        .idle { color: var(--dim); font-size: 20px; text-align: center; margin: 40px 0; }
        #dispatch { background: var(--panel); border: 2px solid var(--critical); border-radius: 10px; padding: 12px; }
        #dispatch.alerting { animation: flash 1s step-start infinite; }
        @keyframes flash { 50% { border-color: #fff; } }
        h2 { margin: 0 0 6px; font-size: 26px; color: var(--critical); }
        .address { font-size: 22px; margin: 4px 0; }
        .dim { color: var(--dim); margin: 0 0 8px; }
        dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 8px 0; }
        dt { color: var(--dim); } dd { margin: 0; font-weight: 600; }
        #mini-map { width: 100%; height: auto; background: #0b1016; border-radius: 6px; }
        #mini-map .me { fill: var(--ok); } #mini-map .fire { fill: var(--critical); } #mini-map line { stroke: #9fb0c2; stroke-dasharray: 4 3; }
        #mini-map text { fill: #cfd8e3; font-size: 12px; }
        .answers { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 12px 0; }
        .answer { min-height: 56px; font-size: 20px; font-weight: 600; }
        .answer.accept { background: #1f6f2b; } .answer.decline { background: #5c3b10; }
        .answer.scene { background: #1d4f7a; } .answer.resolve { background: #4a4f57; }
        .answer:disabled { opacity: .35; }
        #cause { min-height: 56px; }
        #history { padding-left: 20px; color: var(--dim); font-size: 15px; }
        #sound { margin-top: 14px; }
        @media (max-width: 420px) { .answers { grid-template-columns: 1fr; } h2 { font-size: 22px; } }

        """#
}
