/// The station duty screen's behaviour: the token from `#token=`, the station from `whoami` (an
/// operator may name one with `#station=`), the open dispatch from `/api/v1/stations`, kept live from
/// the event stream (EventSource, resumed by the browser), an audible alert until the page is
/// answered, and the answer buttons (`data-answer`) through `POST /api/v1/dispatches/{id}/answer`.
enum StationScript {
    static let js = #"""
        (function () {
          'use strict';
          var L = window.FW_LABELS;
          var S = { lang: 'zh', token: null, station: null, info: null, dispatch: null, alarm: null, es: null,
                    seq: 0, audio: null, beeper: null, alerting: false };
          function $(id) { return document.getElementById(id); }
          function t(key) { return (L.ui[S.lang] || L.ui.zh)[key] || key; }
          function word(table, key) { var e = L[table] && L[table][key]; return e ? (S.lang === 'zh' ? e.zh : e.en) : key; }
          function notice(text) { var n = $('notice'); n.textContent = text; n.hidden = !text; }
          var hash = FWPage.hash;
          function api(method, path, body) {
            var headers = { 'Accept': 'application/json' };
            if (S.token) headers['Authorization'] = 'Bearer ' + S.token;
            if (body) headers['Content-Type'] = 'application/json';
            return fetch(path, { method: method, headers: headers, cache: 'no-store', body: body ? JSON.stringify(body) : undefined })
              .then(function (r) { return r.text().then(function (x) { var j = null; try { j = JSON.parse(x); } catch (e) {} return { status: r.status, json: j, headers: r.headers }; }); });
          }

          function beep() {
            if (!S.audio) return;
            var o = S.audio.createOscillator(), g = S.audio.createGain();
            o.frequency.value = 880; o.connect(g); g.connect(S.audio.destination);
            g.gain.setValueAtTime(0.4, S.audio.currentTime); g.gain.exponentialRampToValueAtTime(0.001, S.audio.currentTime + 0.6);
            o.start(); o.stop(S.audio.currentTime + 0.6);
          }
          function alert(on) {
            S.alerting = on;
            clearInterval(S.beeper);
            if (on) { beep(); S.beeper = setInterval(beep, 1500); if (navigator.vibrate) navigator.vibrate([400, 200, 400]); }
            $('dispatch').className = on ? 'alerting' : '';
          }

          function authenticate() {
            api('GET', '/api/v1/whoami').then(function (r) {
              if (r.status !== 200) { notice(t('token_needed') + (r.json && r.json.error ? ' (' + r.json.error + ')' : '')); return; }
              S.station = r.json.station || hash().station || null;
              if (!S.station) { notice(t('not_station')); return; }
              load();
            }).catch(function () { setConn(false); setTimeout(authenticate, 3000); });
          }

          function load() {
            api('GET', '/api/v1/alarms?state=open').then(function (ra) {
              S.seq = parseInt(ra.headers.get('X-Event-Seq') || '0', 10) || 0;
              return api('GET', '/api/v1/stations');
            }).then(function (rs) {
              S.info = (rs.json || []).filter(function (s) { return s.id === S.station; })[0] || null;
              $('station-name').textContent = S.info ? (S.lang === 'zh' ? S.info.name : S.info.id) : S.station;
              var open = (S.info && S.info.open_dispatches) || [];
              if (!open.length) { S.dispatch = null; S.alarm = null; render(); connect(); return; }
              var parts = open[0].split('/');
              return Promise.all([api('GET', '/api/v1/alarms/' + encodeURIComponent(parts[0])),
                                  api('GET', '/api/v1/alarms/' + encodeURIComponent(parts[0]) + '/dispatches')]).then(function (r2) {
                S.alarm = r2[0].json;
                var mine = (r2[1].json || []).filter(function (d) { return d.station_id === S.station; });
                S.dispatch = mine.length ? mine[mine.length - 1] : null;
                alert(!!S.alarm && S.alarm.state === 'dispatched');
                render(); connect();
              });
            }).catch(function () { setConn(false); setTimeout(load, 3000); });
          }

          function connect() {
            if (S.es) S.es.close();
            var es = new EventSource('/api/v1/events?after=' + S.seq + (S.token ? '&token=' + encodeURIComponent(S.token) : ''));
            S.es = es;
            es.onopen = function () { setConn(true); };
            es.onerror = function () { setConn(false); if (es.readyState === EventSource.CLOSED) setTimeout(load, 3000); };
            Object.keys(L.feed).forEach(function (type) { es.addEventListener(type, onEvent); });
          }

          function onEvent(e) {
            var seq = parseInt(e.lastEventId, 10) || 0;
            if (seq && seq <= S.seq) return;
            if (seq) S.seq = seq;
            var ev; try { ev = JSON.parse(e.data); } catch (err) { return; }
            if (ev.dispatch && ev.dispatch.station_id === S.station) {
              S.dispatch = ev.dispatch; S.alarm = ev.alarm || S.alarm; alert(true); render(); return;
            }
            if (ev.alarm && S.alarm && ev.alarm.id === S.alarm.id) {
              S.alarm = ev.alarm;
              if (ev.dispatch && ev.dispatch.station_id !== S.station) { S.alarm = null; S.dispatch = null; alert(false); }
              else if (ev.alarm.state === 'resolved') { alert(false); }
              render();
            }
          }

          function answer(status) {
            if (!S.dispatch) return;
            var body = { status: status };
            if (status === 'resolved') body.cause = $('cause').value;
            Array.prototype.forEach.call(document.querySelectorAll('[data-answer]'), function (b) { b.disabled = true; });
            api('POST', '/api/v1/dispatches/' + encodeURIComponent(S.dispatch.dispatch_id) + '/answer', body).then(function (r) {
              if (r.status === 200) {
                notice(''); alert(false); S.alarm = r.json;
                if (status === 'declined' || r.json.state === 'resolved') { S.dispatch = status === 'declined' ? null : S.dispatch; }
                if (status === 'declined') S.alarm = null;
              } else {
                notice(t('failed') + ': ' + (r.json && r.json.error ? r.json.error : 'HTTP ' + r.status));
              }
              render();
            }).catch(function (err) { notice(t('failed') + ': ' + err); render(); });
          }

          function map() {
            var svg = $('mini-map'), ns = 'http://www.w3.org/2000/svg';
            svg.textContent = '';
            if (!S.info || !S.alarm || !S.alarm.location) return;
            var a = S.info.location, b = S.alarm.location;
            var minLat = Math.min(a.lat, b.lat), maxLat = Math.max(a.lat, b.lat), minLon = Math.min(a.lon, b.lon), maxLon = Math.max(a.lon, b.lon);
            var span = Math.max(maxLat - minLat, (maxLon - minLon) * 0.85, 0.0005);
            function xy(p) { return [150 + ((p.lon - (minLon + maxLon) / 2) * 0.85 / span) * 200, 80 - ((p.lat - (minLat + maxLat) / 2) / span) * 110]; }
            function el(tag, attrs, text) {
              var e = document.createElementNS(ns, tag);
              Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
              if (text) e.textContent = text;
              svg.appendChild(e);
            }
            var p = xy(a), q = xy(b);
            el('line', { x1: p[0], y1: p[1], x2: q[0], y2: q[1] });
            el('rect', { x: p[0] - 6, y: p[1] - 6, width: 12, height: 12, 'class': 'me' });
            el('circle', { cx: q[0], cy: q[1], r: 8, 'class': 'fire' });
            el('text', { x: p[0] + 9, y: p[1] + 4 }, S.lang === 'zh' ? '本站' : 'station');
            el('text', { x: q[0] + 11, y: q[1] + 4 }, word('kind', S.alarm.kind));
          }

          function render() {
            var a = S.alarm, d = S.dispatch;
            $('idle').hidden = !!a;
            $('dispatch').hidden = !a;
            if (!a) return;
            $('alarm-kind').textContent = (S.alerting ? t('new_dispatch') + ' ' : '') + (a.drill ? (S.lang === 'zh' ? '【演练】' : '[DRILL] ') : '') + word('kind', a.kind);
            $('alarm-address').textContent = a.address;
            $('alarm-place').textContent = a.device + (a.building ? ' · ' + a.building : '');
            $('distance').textContent = d ? Math.round(d.distance_m) + ' ' + t('meters') : '—';
            $('eta').textContent = d ? Math.round(d.eta_s) + ' ' + t('seconds') : '—';
            $('deadline').textContent = d && d.ack_deadline ? d.ack_deadline.replace('T', ' ').slice(0, 19) : '—';
            $('alarm-state').textContent = word('state', a.state);
            var awaiting = a.state === 'dispatched' && a.station === S.station;
            var mine = a.station === S.station;
            var enabled = { accepted: awaiting, declined: awaiting, on_scene: mine && a.state === 'accepted',
                            resolved: mine && (a.state === 'accepted' || a.state === 'on_scene') };
            Array.prototype.forEach.call(document.querySelectorAll('[data-answer]'), function (b) { b.disabled = !enabled[b.getAttribute('data-answer')]; });
            var list = $('history');
            list.textContent = '';
            (a.history || []).forEach(function (h) {
              var li = document.createElement('li');
              li.textContent = (h.at || '').slice(11, 19) + ' ' + word('state', h.to) + ' · ' + h.by + (h.why ? ' · ' + h.why : '');
              list.appendChild(li);
            });
            map();
          }

          function setConn(up) { var c = $('conn'); c.className = 'conn ' + (up ? 'up' : 'down'); c.textContent = t(up ? 'live' : 'offline'); }

          function applyLang() {
            document.documentElement.lang = S.lang === 'zh' ? 'zh-CN' : 'en';
            Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (e) { e.textContent = t(e.getAttribute('data-i18n')); });
            var cause = $('cause'), keep = cause.value;
            cause.textContent = '';
            Object.keys(L.resolution).forEach(function (k) {
              var o = document.createElement('option'); o.value = k; o.textContent = word('resolution', k);
              if (k === (keep || 'fire')) o.selected = true;
              cause.appendChild(o);
            });
            if (S.info) $('station-name').textContent = S.lang === 'zh' ? S.info.name : S.info.id;
            setConn(S.es && S.es.readyState === EventSource.OPEN);
            render();
          }

          function start() {
            var p = hash();
            S.lang = p.lang || localStorage.getItem('fw.lang') || document.body.getAttribute('data-lang') || 'zh';
            S.token = FWPage.token(p);
            $('lang').onclick = function () { S.lang = S.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('fw.lang', S.lang); applyLang(); };
            $('sound').onclick = function () {
              var AC = window.AudioContext || window.webkitAudioContext;
              if (AC && !S.audio) S.audio = new AC();
              if (S.audio && S.audio.resume) S.audio.resume();
              $('sound').hidden = true;
              if (S.alerting) beep();
            };
            Array.prototype.forEach.call(document.querySelectorAll('[data-answer]'), function (b) {
              b.onclick = function () { answer(b.getAttribute('data-answer')); };
            });
            applyLang();
            authenticate();
          }
          start();
        })();

        """#
}
