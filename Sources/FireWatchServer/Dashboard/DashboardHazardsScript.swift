/// The dashboard's hazards panel (隐患清单): hazards filtered by street, community, kind, state and
/// overdue, with names from the geography and photos; rectify (with a note and photos) and close for
/// inspectors and operators (the server refuses a close by whoever rectified, 409); and the patrol form
/// that opens a hazard found on patrol with photos. Uses `window.FW` of app.js.
enum DashboardHazardsScript {
    static let js = #"""
        (function () {
          'use strict';
          var FW = window.FW, L = window.FW_LABELS;
          var H = { list: [], timer: null, started: false, thumbs: {} };
          function $(id) { return document.getElementById(id); }
          function canAct() { return FW.S.role === 'inspector' || FW.S.role === 'operator'; }

          function option(value, text, selected) {
            var o = FW.node('option', null, text);
            o.value = value;
            if (selected) o.selected = true;
            return o;
          }
          function fill(select, items, keep) {
            var current = keep ? select.value : '';
            select.textContent = '';
            items.forEach(function (it) { select.appendChild(option(it[0], it[1], it[0] === current)); });
          }
          function streets() { return FW.S.geo.streets.map(function (s) { return [s.id, FW.placeName('street', s.id)]; }); }
          function communities(street) {
            var s = FW.S.geo.street[street];
            return s ? (s.communities || []).map(function (c) { return [c.id, FW.placeName('community', c.id)]; }) : [];
          }
          function units(community) {
            return Object.keys(FW.S.geo.unit).map(function (k) { return FW.S.geo.unit[k]; })
              .filter(function (u) { return u.community === community; })
              .map(function (u) { return [u.id, u.name]; });
          }

          function fillFilters() {
            var all = [['', FW.t('all') + ' · ' + FW.t('street')]];
            fill($('hf-street'), all.concat(streets()), true);
            fill($('hf-community'), [['', FW.t('all') + ' · ' + FW.t('community')]].concat(communities($('hf-street').value)), true);
            fill($('hf-unit'), [['', FW.t('all') + ' · ' + FW.t('unit')]].concat(units($('hf-community').value)), true);
            var kinds = Object.keys(L.hazard_kind).sort().map(function (k) { return [k, FW.word('hazard_kind', k)]; });
            fill($('hf-kind'), [['', FW.t('all') + ' · ' + FW.t('kind')]].concat(kinds), true);
            var states = [['open', FW.word('hazard_state', 'open') + ' / ' + FW.word('hazard_state', 'rectified')],
                          ['rectified', FW.word('hazard_state', 'rectified')], ['closed', FW.word('hazard_state', 'closed')],
                          ['all', FW.t('all')]];
            fill($('hf-state'), states, true);
            fill($('pf-kind'), L.patrol_kinds.map(function (k) { return [k, FW.word('hazard_kind', k)]; }), true);
            fill($('pf-street'), streets(), true);
            fill($('pf-community'), [['', '— ' + FW.t('community')]].concat(communities($('pf-street').value)), true);
            fill($('pf-unit'), [['', '— ' + FW.t('unit')]].concat(units($('pf-community').value)), true);
          }

          function query() {
            var q = ['state=' + encodeURIComponent($('hf-state').value || 'open')];
            ['street', 'community', 'unit', 'kind'].forEach(function (k) {
              var v = $('hf-' + k).value;
              if (v) q.push(k + '=' + encodeURIComponent(v));
            });
            if ($('hf-overdue').checked) q.push('overdue=true');
            return q.join('&');
          }

          function load() {
            FW.api('GET', '/api/v1/hazards?' + query()).then(function (r) {
              H.list = r.status === 200 && Array.isArray(r.json) ? r.json : [];
              render();
            }).catch(function () { /* the stream reconnects; the next hazard event reloads */ });
          }

          function late(h) { return h.overdue || (h.state === 'open' && Date.parse(h.due_at) <= Date.now()); }

          // Photos load when asked for (a button per photo), at most MAX_THUMBS kept; old ones are released.
          var MAX_THUMBS = 24;
          function thumb(h, n) {
            var key = h.id + '/' + n;
            var img = FW.node('img', 'thumb');
            img.alt = FW.t('photos') + ' ' + (n + 1);
            if (H.thumbs[key]) { img.src = H.thumbs[key]; return img; }
            var button = FW.node('button', 'photo', '📷' + (n + 1));
            button.onclick = function () {
              var headers = FW.S.token ? { 'Authorization': 'Bearer ' + FW.S.token } : {};
              fetch('/api/v1/hazards/' + encodeURIComponent(h.id) + '/photos/' + n, { headers: headers })
                .then(function (r) { return r.ok ? r.blob() : null; })
                .then(function (b) {
                  if (!b) return;
                  var keys = Object.keys(H.thumbs);
                  if (keys.length >= MAX_THUMBS) { URL.revokeObjectURL(H.thumbs[keys[0]]); delete H.thumbs[keys[0]]; }
                  H.thumbs[key] = URL.createObjectURL(b);
                  img.src = H.thumbs[key];
                  if (button.parentNode) button.parentNode.replaceChild(img, button);
                });
            };
            return button;
          }

          function move(h, kind, body) {
            FW.api('POST', '/api/v1/hazards/' + encodeURIComponent(h.id) + '/' + kind, body).then(function (r) {
              if (r.status === 200) { FW.notice(''); load(); }
              else FW.notice(FW.t('failed') + ': ' + (r.json && r.json.error ? r.json.error : 'HTTP ' + r.status));
            }).catch(function (err) { FW.notice(FW.t('failed') + ': ' + err); });
          }

          function actions(h) {
            var td = FW.node('td', 'actions');
            if (!canAct() || h.state === 'closed') return td;
            if (h.state === 'open') {
              var b = FW.node('button', 'rectify', FW.t('rectify'));
              b.onclick = function () {
                var note = window.prompt(FW.t('note_prompt'), '');
                if (note && note.trim()) move(h, 'rectify', { note: note.trim() });
              };
              td.appendChild(b);
            } else {
              var c = FW.node('button', 'close', FW.t('close'));
              c.disabled = h.rectified_by === FW.S.name;
              c.title = h.rectified_by ? FW.t('rectified_by') + ' ' + h.rectified_by : '';
              c.onclick = function () {
                var note = window.prompt(FW.t('close_prompt'), '');
                if (note !== null) move(h, 'close', note.trim() ? { note: note.trim() } : {});
              };
              td.appendChild(c);
            }
            return td;
          }

          function render() {
            if (!H.started) return;
            var body = $('hazards').tBodies[0];
            body.textContent = '';
            H.list.forEach(function (h) {
              var tr = FW.node('tr', late(h) ? 'late' : '');
              tr.dataset.hazard = h.id;
              var kind = FW.node('td'); kind.appendChild(FW.both('hazard_kind', h.kind));
              kind.appendChild(FW.node('span', 'badge', FW.t('source_' + (h.source || 'sensor'))));
              tr.appendChild(kind);
              var state = FW.node('td'); state.appendChild(FW.both('hazard_state', h.state));
              if (late(h)) state.appendChild(FW.node('span', 'badge late', FW.t('overdue')));
              tr.appendChild(state);
              var place = [FW.placeName('street', h.street), FW.placeName('community', h.community)];
              if (h.unit) place.push(FW.S.geo.unit[h.unit] ? FW.S.geo.unit[h.unit].name : h.unit);
              tr.appendChild(FW.node('td', 'street-name', place.filter(Boolean).join(' · ')));
              var what = FW.node('td', null, h.description || h.address || h.device);
              if (h.description && h.address) what.appendChild(FW.node('span', 'en', h.address));
              if (h.opened_by && h.source === 'patrol') what.appendChild(FW.node('span', 'en', FW.t('opened_by') + ' ' + h.opened_by));
              tr.appendChild(what);
              tr.appendChild(FW.node('td', 'mono', (h.due_at || '').replace('T', ' ').slice(0, 16)));
              tr.appendChild(FW.node('td', null, h.assignee ? h.assignee.name + (h.assignee.phone ? ' ' + h.assignee.phone : '') : '—'));
              var photos = FW.node('td');
              (h.photos || []).forEach(function (id, n) { photos.appendChild(thumb(h, n)); });
              tr.appendChild(photos);
              tr.appendChild(actions(h));
              body.appendChild(tr);
            });
            $('hazard-count').textContent = String(H.list.length);
            $('no-hazards').hidden = H.list.length > 0;
            $('patrol').hidden = !canAct() || FW.S.geo.streets.length === 0;
          }

          function readPhoto(file) {
            return new Promise(function (resolve, reject) {
              var reader = new FileReader();
              reader.onload = function () {
                var text = String(reader.result);
                resolve({ content_type: file.type, data_base64: text.slice(text.indexOf(',') + 1) });
              };
              reader.onerror = function () { reject(reader.error); };
              reader.readAsDataURL(file);
            });
          }

          function submit(e) {
            e.preventDefault();
            var files = Array.prototype.slice.call($('pf-photos').files || []);
            if (files.length > L.max_photos) { FW.notice(FW.t('too_many_photos') + ' ' + L.max_photos); return; }
            var body = { kind: $('pf-kind').value, street: $('pf-street').value, description: $('pf-description').value };
            ['community', 'unit', 'address'].forEach(function (k) { var v = $('pf-' + k).value; if (v) body[k] = v; });
            $('pf-submit').disabled = true;
            Promise.all(files.map(readPhoto)).then(function (photos) {
              if (photos.length) body.photos = photos;
              return FW.api('POST', '/api/v1/hazards', body);
            }).then(function (r) {
              $('pf-submit').disabled = false;
              if (r.status === 201) {
                FW.notice(''); $('pf-description').value = ''; $('pf-address').value = ''; $('pf-photos').value = '';
                load();
              } else {
                FW.notice(FW.t('failed') + ': ' + (r.json && r.json.error ? r.json.error : 'HTTP ' + r.status));
              }
            }).catch(function (err) { $('pf-submit').disabled = false; FW.notice(FW.t('failed') + ': ' + err); });
          }

          window.FWHazards = {
            start: function () {
              if (!H.started) {
                H.started = true;
                ['hf-state', 'hf-unit', 'hf-kind', 'hf-overdue'].forEach(function (id) { $(id).onchange = load; });
                $('hf-community').onchange = function () { fillFilters(); load(); };
                $('hf-street').onchange = function () { fillFilters(); load(); };
                $('pf-street').onchange = fillFilters;
                $('pf-community').onchange = fillFilters;
                $('patrol').onsubmit = submit;
              }
              fillFilters(); load();
            },
            changed: function () { clearTimeout(H.timer); H.timer = setTimeout(load, 300); },
            render: function () { if (H.started) { fillFilters(); render(); } }
          };
        })();

        """#
}
