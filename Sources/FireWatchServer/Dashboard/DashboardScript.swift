/// The dashboard's behaviour: token from `#token=` or a prompt, open alarms loaded once and then kept
/// live from the event stream (EventSource with `?token=`, resumed by `Last-Event-ID`), operator
/// buttons, the hazard index, and the Chinese/English switch. Plain browser JavaScript, no libraries.
enum DashboardScript {
    static let js = #"""
        (function () {
          'use strict';
          var L = window.FW_LABELS;
          var SEVERITY = { critical: 0, major: 1, minor: 2 };
          var S = { lang: 'zh', token: null, role: null, name: null, alarms: {}, stations: [], devices: [],
                    index: {}, indexState: 'loading', feed: [], loadedSeq: 0, lastSeq: 0, es: null, retry: 1000,
                    renderTimer: null, indexTimer: null, geo: { streets: [], street: {}, community: {}, unit: {} } };

          function $(id) { return document.getElementById(id); }
          function t(key) { return (L.ui[S.lang] || L.ui.zh)[key] || key; }
          function word(table, key) {
            var e = L[table] && L[table][key];
            return e ? (S.lang === 'zh' ? e.zh : e.en) : key;
          }
          function node(tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = text;
            return e;
          }
          // Chinese with the English name beside it, or English alone.
          function both(table, key) {
            var span = node('span', null, word(table, key));
            if (S.lang === 'zh') span.appendChild(node('span', 'en', (L[table] && L[table][key] ? L[table][key].en : '')));
            return span;
          }
          function notice(text) { var n = $('notice'); n.textContent = text; n.hidden = !text; }
          // A place's name in the page's language (geography), else its id.
          function placeName(table, id) {
            var p = id && S.geo[table][id];
            if (!p) return id || '';
            return S.lang === 'en' && p.name_en ? p.name_en : p.name;
          }
          function stationName(id) {
            var s = S.stations.filter(function (x) { return x.id === id; })[0];
            return s && S.lang === 'zh' ? s.name : id;
          }
          function setGeography(g) {
            var geo = { streets: (g && g.streets) || [], street: {}, community: {}, unit: {} };
            geo.streets.forEach(function (s) {
              geo.street[s.id] = s;
              (s.communities || []).forEach(function (c) { c.street = s.id; geo.community[c.id] = c; });
            });
            ((g && g.units) || []).forEach(function (u) { geo.unit[u.id] = u; });
            S.geo = geo;
          }

          var hashParams = FWPage.hash;

          function api(method, path, body) {
            var headers = { 'Accept': 'application/json' };
            if (S.token) headers['Authorization'] = 'Bearer ' + S.token;
            if (body) headers['Content-Type'] = 'application/json';
            return fetch(path, { method: method, headers: headers, cache: 'no-store',
                                 body: body ? JSON.stringify(body) : undefined })
              .then(function (r) {
                return r.text().then(function (text) {
                  var json = null;
                  try { json = JSON.parse(text); } catch (e) { json = null; }
                  return { status: r.status, json: json, headers: r.headers };
                });
              });
          }

          function authenticate(tries) {
            api('GET', '/api/v1/whoami').then(function (r) {
              if (r.status === 200) {
                S.role = r.json.role; S.name = r.json.name; notice('');
                renderWho(); load();
                return;
              }
              if ((r.status === 401 || r.status === 403) && tries < 2) {
                var token = window.prompt(t('token_prompt'), '');
                if (token) {
                  S.token = token.trim();
                  sessionStorage.setItem('fw.token', S.token);
                  authenticate(tries + 1);
                  return;
                }
              }
              notice(t('token_needed') + (r.json && r.json.error ? ' (' + r.json.error + ')' : ''));
            }).catch(function () { setConn(false); setTimeout(function () { authenticate(tries); }, 3000); });
          }

          function load() {
            Promise.all([api('GET', '/api/v1/alarms?state=open'), api('GET', '/api/v1/stations'), api('GET', '/api/v1/devices'),
                         api('GET', '/api/v1/geography')])
              .then(function (rs) {
                setGeography(rs[3].status === 200 ? rs[3].json : null);
                var seq = parseInt(rs[0].headers.get('X-Event-Seq') || '0', 10) || 0;
                S.alarms = {};
                (rs[0].json || []).forEach(function (a) { S.alarms[a.id] = a; });
                S.stations = rs[1].json || [];
                S.devices = rs[2].json || [];
                S.loadedSeq = seq;
                // Replay the last few events into the feed only; everything after `seq` also updates alarms.
                S.lastSeq = Math.max(0, seq - 20);
                render(); loadIndex(); connect();
                if (window.FWHazards) window.FWHazards.start();
              })
              .catch(function () { setConn(false); setTimeout(load, 3000); });
          }

          function loadIndex() {
            api('GET', '/api/v1/hazard-index?level=street').then(function (r) {
              if (r.status === 200 && Array.isArray(r.json)) {
                S.index = {};
                r.json.forEach(function (e) { S.index[e.id] = e; });
                S.indexState = r.json.length ? 'ok' : 'empty';
              } else {
                S.index = {};
                S.indexState = r.status === 501 ? 'unavailable' : 'error';
              }
              scheduleRender();
            }).catch(function () { S.indexState = 'error'; scheduleRender(); });
          }

          function connect() {
            if (S.es) S.es.close();
            var url = '/api/v1/events?after=' + S.lastSeq + (S.token ? '&token=' + encodeURIComponent(S.token) : '');
            var es = new EventSource(url);
            S.es = es;
            es.onopen = function () { setConn(true); S.retry = 1000; };
            es.onerror = function () {
              setConn(false);
              // The browser retries by itself (with Last-Event-ID) unless the server refused the stream.
              if (es.readyState === EventSource.CLOSED) {
                setTimeout(connect, S.retry);
                S.retry = Math.min(S.retry * 2, 15000);
              }
            };
            Object.keys(L.feed).forEach(function (type) { es.addEventListener(type, onEvent); });
          }

          function onEvent(e) {
            var seq = parseInt(e.lastEventId, 10) || 0;
            if (seq && seq <= S.lastSeq) return;
            var ev;
            try { ev = JSON.parse(e.data); } catch (err) { return; }
            if (seq) S.lastSeq = seq;
            if (!seq || seq > S.loadedSeq) apply(ev);
            S.feed.unshift(ev);
            if (S.feed.length > 60) S.feed.length = 60;
            scheduleRender();
          }

          function apply(ev) {
            if (ev.alarm) {
              if (ev.alarm.state === 'resolved') delete S.alarms[ev.alarm.id];
              else S.alarms[ev.alarm.id] = ev.alarm;
            }
            if (ev.station) {
              S.stations = S.stations.filter(function (s) { return s.id !== ev.station.id; }).concat([ev.station]);
            }
            if (ev.type.indexOf('hazard.') === 0 && window.FWHazards) window.FWHazards.changed(ev);
            if (ev.type.indexOf('hazard.') === 0 || ev.type === 'alarm.raised' || ev.type === 'alarm.resolved') {
              clearTimeout(S.indexTimer);
              S.indexTimer = setTimeout(loadIndex, 1000);
            }
          }

          function act(alarm, kind, body) {
            api('POST', '/api/v1/alarms/' + encodeURIComponent(alarm.id) + '/' + kind, body || {}).then(function (r) {
              if (r.status === 200 && r.json) { apply({ type: 'alarm.updated', alarm: r.json }); notice(''); scheduleRender(); }
              else notice(t('failed') + ': ' + (r.json && r.json.error ? r.json.error : 'HTTP ' + r.status));
            }).catch(function (err) { notice(t('failed') + ': ' + err); });
          }

          function setConn(up) {
            var c = $('conn');
            c.className = 'conn ' + (up ? 'up' : 'down');
            c.textContent = t(up ? 'live' : 'offline');
          }

          function renderWho() {
            $('who').textContent = S.name ? S.name + ' · ' + t('role_' + S.role) : '';
          }

          function age(since) {
            var s = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
            var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
            if (S.lang === 'zh') return (h ? h + '时' : '') + (h || m ? m + '分' : '') + sec + '秒';
            return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
          }

          function sortedAlarms() {
            return Object.keys(S.alarms).map(function (k) { return S.alarms[k]; }).sort(function (a, b) {
              return (SEVERITY[a.severity] - SEVERITY[b.severity]) || (Date.parse(b.raised_at) - Date.parse(a.raised_at));
            });
          }

          function actionCell(a) {
            var td = node('td', 'actions');
            if (S.role !== 'operator') return td;
            var ack = node('button', 'ack', t('acknowledge'));
            ack.disabled = a.acknowledged;
            ack.onclick = function () { act(a, 'acknowledge'); };
            var confirm = node('button', 'confirm', t('confirm'));
            confirm.disabled = a.confirmed;
            confirm.onclick = function () { act(a, 'confirm'); };
            var cause = node('select', 'cause');
            Object.keys(L.resolution).forEach(function (k) {
              var o = node('option', null, word('resolution', k));
              o.value = k;
              if (k === (a.confirmed ? 'fire' : 'false_alarm')) o.selected = true;
              cause.appendChild(o);
            });
            var resolve = node('button', 'resolve', t('resolve'));
            resolve.onclick = function () { act(a, 'resolve', { cause: cause.value }); };
            td.appendChild(ack); td.appendChild(confirm); td.appendChild(cause); td.appendChild(resolve);
            return td;
          }

          function renderAlarms(list) {
            var body = $('alarms').tBodies[0];
            body.textContent = '';
            list.forEach(function (a) {
              var tr = node('tr', a.severity + (a.acknowledged ? '' : ' unacked'));
              tr.dataset.alarm = a.id;
              var kind = node('td'); kind.appendChild(both('kind', a.kind));
              if (a.drill) kind.appendChild(node('span', 'drill', S.lang === 'zh' ? ' 演练' : ' drill'));
              tr.appendChild(kind);
              var state = node('td'); state.appendChild(both('state', a.state));
              if (a.acknowledged) state.appendChild(node('span', 'badge', t('acknowledged')));
              if (a.confirmed) state.appendChild(node('span', 'badge confirmed', t('confirmed')));
              if (a.condition === 'cleared') state.appendChild(node('span', 'badge cleared', t('cleared')));
              if (a.count > 1) state.appendChild(node('span', 'badge', '×' + a.count));
              tr.appendChild(state);
              tr.appendChild(node('td', 'mono device', a.device));
              var addr = node('td', null, a.address);
              addr.appendChild(node('span', 'en street-name', placeName('street', a.street) + ' ' + placeName('community', a.community)));
              tr.appendChild(addr);
              tr.appendChild(node('td', 'station-name', a.station ? stationName(a.station) : '—'));
              var ageCell = node('td', 'age', age(a.raised_at));
              ageCell.dataset.since = a.raised_at;
              tr.appendChild(ageCell);
              tr.appendChild(actionCell(a));
              body.appendChild(tr);
            });
            $('alarm-count').textContent = String(list.length);
            $('no-alarms').hidden = list.length > 0;
          }

          function renderIndex() {
            var body = $('index').tBodies[0];
            body.textContent = '';
            var rows = Object.keys(S.index).map(function (k) { return S.index[k]; })
              .sort(function (a, b) { return b.score - a.score; });
            rows.forEach(function (e) {
              var tr = node('tr');
              tr.appendChild(node('td', 'street-name', placeName('street', e.id) || e.name));
              tr.appendChild(node('td', null, (+e.score).toFixed(1)));
              var g = node('td'); g.appendChild(node('span', 'grade ' + e.grade, word('grade', e.grade))); tr.appendChild(g);
              ['devices', 'open_hazards', 'overdue', 'open_fire_alarms'].forEach(function (k) {
                tr.appendChild(node('td', null, e[k] === undefined ? '—' : String(e[k])));
              });
              body.appendChild(tr);
            });
            var note = { unavailable: t('index_unavailable'), empty: t('index_empty'), error: t('index_unavailable') }[S.indexState];
            $('index-note').textContent = note || '';
            $('index').hidden = rows.length === 0;
          }

          function renderFeed() {
            var list = $('feed');
            list.textContent = '';
            S.feed.forEach(function (ev) {
              var li = node('li');
              li.appendChild(node('span', 'time', (ev.at || '').slice(11, 19)));
              li.appendChild(both('feed', ev.type));
              var a = ev.alarm;
              if (a) {
                li.appendChild(document.createTextNode(' · '));
                li.appendChild(both('kind', a.kind));
                if (a.drill) li.appendChild(node('span', 'drill', S.lang === 'zh' ? ' 演练' : ' drill'));
                li.appendChild(node('span', 'mono', ' ' + a.device + ' '));
                li.appendChild(node('span', 'dim', a.address));
                li.appendChild(node('span', 'street-name', ' ' + placeName('street', a.street)));
              }
              var h = ev.hazard;
              if (h) {
                li.appendChild(document.createTextNode(' · '));
                li.appendChild(both('hazard_kind', h.kind));
                li.appendChild(node('span', 'street-name', ' ' + placeName('street', h.street) + ' ' + placeName('community', h.community)));
              }
              if (ev.dispatch) li.appendChild(node('span', null, ' → ' + stationName(ev.dispatch.station_id)));
              if (ev.station) {
                li.appendChild(node('span', null, ' ' + stationName(ev.station.id) + ' '));
                li.appendChild(both('station', ev.station.status));
              }
              var note = S.lang === 'zh' ? (ev.note_zh || ev.note) : ev.note;
              if (note && (h || ev.type === 'station.status' || ev.type === 'alarm.escalated' || ev.type === 'alarm.notice')) li.appendChild(node('span', 'dim note', ' (' + note + ')'));
              list.appendChild(li);
            });
          }

          function render() {
            S.renderTimer = null;
            var list = sortedAlarms();
            renderAlarms(list);
            window.FWMap.draw($('map'), {
              alarms: list, devices: S.devices, stations: S.stations, index: S.index, km: t('km'),
              stationLabel: function (status) { return word('station', status); },
              streetLabel: function (id, entry) { return S.geo.street[id] ? placeName('street', id) : entry && entry.name ? entry.name : id; }
            });
            renderIndex();
            renderFeed();
          }

          function scheduleRender() {
            if (!S.renderTimer) S.renderTimer = setTimeout(render, 50);
          }

          function applyLang() {
            document.documentElement.lang = S.lang === 'zh' ? 'zh-CN' : 'en';
            Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (e) {
              e.textContent = t(e.getAttribute('data-i18n'));
            });
            Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (e) {
              e.placeholder = t(e.getAttribute('data-i18n-placeholder'));
            });
            setConn(S.es && S.es.readyState === EventSource.OPEN);
            renderWho();
          }

          function start() {
            var p = hashParams();
            S.lang = p.lang || localStorage.getItem('fw.lang') || document.body.getAttribute('data-lang') || 'zh';
            S.token = FWPage.token(p);
            $('lang').onclick = function () {
              S.lang = S.lang === 'zh' ? 'en' : 'zh';
              localStorage.setItem('fw.lang', S.lang);
              applyLang(); render();
              if (window.FWHazards) window.FWHazards.render();
            };
            applyLang();
            render();
            setInterval(function () {
              Array.prototype.forEach.call(document.querySelectorAll('td.age'), function (c) { c.textContent = age(c.dataset.since); });
            }, 1000);
            authenticate(0);
          }

          // What the hazards panel (hazards.js) shares with this page.
          window.FW = { S: S, api: api, t: t, word: word, node: node, both: both, notice: notice, placeName: placeName };
          start();
        })();

        """#
}
