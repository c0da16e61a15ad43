/// The district map, drawn as SVG from device and station coordinates (WGS84, equirectangular around
/// the district's middle latitude: at district scale the error is far below a building's size). No tiles,
/// so it works offline. Exposes `window.FWMap.draw(svg, data)`.
enum DashboardMapScript {
    static let js = #"""
        (function () {
          'use strict';
          var NS = 'http://www.w3.org/2000/svg';
          var W = 1000, H = 700, PAD = 30;

          function el(name, attrs, text) {
            var e = document.createElementNS(NS, name);
            for (var k in attrs) { if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]); }
            if (text !== undefined) e.textContent = text;
            return e;
          }

          // A projection that fits every point into the view box, keeping distances true in both axes.
          function projection(points) {
            var minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
            points.forEach(function (p) {
              if (!p || !isFinite(p.lat) || !isFinite(p.lon)) return;
              minLat = Math.min(minLat, p.lat); maxLat = Math.max(maxLat, p.lat);
              minLon = Math.min(minLon, p.lon); maxLon = Math.max(maxLon, p.lon);
            });
            if (!isFinite(minLat)) { minLat = 31.2; maxLat = 31.3; minLon = 121.35; maxLon = 121.45; }
            var k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
            var spanX = Math.max((maxLon - minLon) * k, 0.002), spanY = Math.max(maxLat - minLat, 0.002);
            var scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
            var offX = (W - spanX * scale) / 2, offY = (H - spanY * scale) / 2;
            return {
              x: function (p) { return offX + (p.lon - minLon) * k * scale; },
              y: function (p) { return H - offY - (p.lat - minLat) * scale; },
              metresPerUnit: 111320 / scale
            };
          }

          // One label per street, at the middle of its devices, coloured by its hazard grade when known.
          function streetLabels(g, devices, proj, index, label) {
            var sums = {};
            devices.forEach(function (d) {
              var s = sums[d.street] || (sums[d.street] = { x: 0, y: 0, n: 0 });
              s.x += proj.x(d.location); s.y += proj.y(d.location); s.n += 1;
            });
            Object.keys(sums).forEach(function (id) {
              var s = sums[id], entry = index[id];
              var t = el('text', { x: (s.x / s.n).toFixed(1), y: (s.y / s.n).toFixed(1),
                                   'class': 'street-label' + (entry && entry.grade ? ' ' + entry.grade : '') },
                         label(id, entry));
              g.appendChild(t);
            });
          }

          function scaleBar(g, proj, km) {
            var units = 1000 / proj.metresPerUnit, x = 20, y = H - 16;
            g.appendChild(el('line', { x1: x, y1: y, x2: (x + units).toFixed(1), y2: y, 'class': 'scale' }));
            g.appendChild(el('text', { x: x, y: y - 6, 'class': 'scale-text' }, '1 ' + km));
          }

          // The base layer (devices, streets, stations) is redrawn only when it changes: alarms come and go
          // on every event, the thousands of device dots do not.
          function draw(svg, data) {
            var alarms = data.alarms || [], devices = data.devices || [], stations = data.stations || [];
            var key = [devices.length, JSON.stringify(stations), JSON.stringify(data.index || {}), data.km].join('|');
            if (svg.fwKey !== key) {
              while (svg.firstChild) svg.removeChild(svg.firstChild);
              var points = devices.map(function (d) { return d.location; })
                .concat(stations.map(function (s) { return s.location; }));
              svg.fwProj = projection(points.length ? points : alarms.map(function (a) { return a.location; }));
              svg.fwBase = el('g', {}); svg.fwTop = el('g', {});
              svg.appendChild(svg.fwBase); svg.appendChild(svg.fwTop);
              drawBase(svg.fwBase, data, devices, stations, svg.fwProj);
              svg.fwKey = key;
            }
            drawAlarms(svg.fwTop, alarms, svg.fwProj, data.km || 'km');
          }

          function drawBase(base, data, devices, stations, proj) {
            devices.forEach(function (d) {
              var c = el('circle', { cx: proj.x(d.location).toFixed(1), cy: proj.y(d.location).toFixed(1), r: 2.2, 'class': 'device' });
              c.appendChild(el('title', {}, d.id + ' ' + (d.address || '')));
              base.appendChild(c);
            });
            streetLabels(base, devices, proj, data.index || {}, data.streetLabel);
            stations.forEach(function (s) {
              var x = proj.x(s.location), y = proj.y(s.location);
              var r = el('rect', { x: (x - 5).toFixed(1), y: (y - 5).toFixed(1), width: 10, height: 10,
                                   'class': 'station ' + s.status, 'data-station': s.id });
              r.appendChild(el('title', {}, s.name + ' (' + s.id + ') ' + data.stationLabel(s.status)));
              base.appendChild(r);
            });
          }

          function drawAlarms(top, alarms, proj, km) {
            while (top.firstChild) top.removeChild(top.firstChild);
            alarms.forEach(function (a) {
              var x = proj.x(a.location).toFixed(1), y = proj.y(a.location).toFixed(1);
              if (!a.acknowledged) top.appendChild(el('circle', { cx: x, cy: y, r: 8, 'class': 'halo' }));
              var c = el('circle', { cx: x, cy: y, r: 7, 'class': 'alarm ' + a.severity, 'data-alarm': a.id });
              c.appendChild(el('title', {}, a.device + ' ' + a.address));
              top.appendChild(c);
              top.appendChild(el('text', { x: (+x + 10).toFixed(1), y: (+y + 4).toFixed(1), 'class': 'alarm-label' }, a.device));
            });
            scaleBar(top, proj, km);
          }

          window.FWMap = { draw: draw };
        })();

        """#
}
