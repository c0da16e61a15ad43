import FireWatchCore
import FireWatchTestKit
import Foundation
import Testing

extension Integration {
    /// Hazards found on patrol to verified closure (隐患协同清零) on a real daemon over HTTP: its own
    /// geography and unit register, photos stored and served back, the four-eyes rule, a deadline that
    /// passes (督办) and the index that follows, names in `tail` and on the page.
    @Suite(.serialized) struct PatrolHazardTests {
        static let tokens = """
            tok-a: {name: 巡查员甲, role: inspector}
            tok-b: {name: 巡查员乙, role: inspector}
            tok-viewer: {name: street-office, role: viewer}
            tok-station: {name: duty-room, role: station, station: ms-1}
            tok-operator: {name: duty-officer, role: operator}
            """

        static let streets = """
            - id: changshoulu
              name: "长寿路街道"
              name_en: "Changshou Road Subdistrict"
              kind: street
              centre: {lat: 31.2400, lon: 121.4380}
              communities:
                - id: changshoulu-c01
                  name: "曹家渡居委会"
                  centre: {lat: 31.2431, lon: 121.4364}
            - id: ganquanlu
              name: "甘泉路街道"
              kind: street
              centre: {lat: 31.2620, lon: 121.4380}
              communities: []
            """

        static let units = """
            - id: u-yueda
              name: "悦达889广场"
              category: key_unit
              address: "长寿路街道 长寿路 889 号"
              street: changshoulu
              community: changshoulu-c01
              location: {lat: 31.2335, lon: 121.4370}
              responsible:
                - {name: "王经理", phone: "13800000001", role: "消防安全责任人"}
            """

        /// A 1×1 PNG.
        static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

        static func daemon(_ broker: TestBroker, dueHours: String = "{blocked_exit: 0.003}") throws -> DaemonUnderTest {
            let folder = try TempFolder("firewatchd")
            let streets = try folder.write("streets.yaml", Self.streets)
            let units = try folder.write("units.yaml", Self.units)
            return try DaemonUnderTest(
                broker: broker, registry: Fixtures.registry, stations: Fixtures.stations, folder: folder,
                extraConfig: "geography: {file: \(streets), units: \(units)}\nhazards: {due_hours: \(dueHours)}", tokens: Self.tokens)
        }

        static func hazard(_ body: String) throws -> Hazard {
            try Timestamps.decoder().decode(Hazard.self, from: Data(body.utf8))
        }

        @Test func aPatrolHazardWithPhotosIsRectifiedByOneAndClosedByAnother() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let url = "\(daemon.baseURL)/api/v1/hazards"
            let body = """
                {"kind": "ebike_charging", "street": "changshoulu", "unit": "u-yueda", "address": "B1 非机动车库",
                 "description": "楼道内电动自行车充电，飞线", "photos": [{"content_type": "image/png", "data_base64": "\(Self.png)"}]}
                """
            #expect(try HTTPCall.run("POST", url, token: "tok-viewer", body: body).status == 403)
            #expect(try HTTPCall.run("POST", url, token: "tok-station", body: body).status == 403)
            let opened = try HTTPCall.run("POST", url, token: "tok-a", body: body)
            #expect(opened.status == 201, "\(opened.body)")
            let h = try Self.hazard(opened.body)
            #expect(h.source == .patrol && h.kind == .ebikeCharging && h.state == .open && h.openedBy == "巡查员甲")
            #expect(h.community == "changshoulu-c01" && h.unit == "u-yueda" && h.assignee?.name == "王经理")
            #expect(h.photos == ["\(h.id)/0"] && h.dueAt.timeIntervalSince(h.openedAt) == 72 * 3600)

            // The photo is served back to viewers as it was sent.
            let photo = try ChildProcess("/usr/bin/curl", ["-s", "-D", "-", "-o", daemon.folder.file("photo.png"), "-H", "Authorization: Bearer tok-viewer",
                                                           "\(url)/\(h.id)/photos/0"])
            _ = try photo.waitForExit(seconds: 10)
            #expect(photo.text.contains("200") && photo.text.lowercased().contains("content-type: image/png"), "\(photo.text)")
            #expect(FileManager.default.contents(atPath: daemon.folder.file("photo.png")) == Data(base64Encoded: Self.png))
            #expect(try HTTPCall.run("GET", "\(url)/\(h.id)/photos/1", token: "tok-viewer").status == 404)

            // Rectify needs a note; the person is the token's, never a body field.
            let rectify = "\(url)/\(h.id)/rectify", close = "\(url)/\(h.id)/close"
            #expect(try HTTPCall.run("POST", rectify, token: "tok-a", body: "{}").status == 400)
            let withBy = try HTTPCall.run("POST", rectify, token: "tok-a", body: #"{"note": "已清理", "by": "巡查员乙"}"#)
            #expect(withBy.status == 400 && withBy.body.contains(#"unknown field \"by\""#), "\(withBy.body)")
            let rectified = try HTTPCall.run("POST", rectify, token: "tok-a", body: #"{"note": "车辆已移出，飞线拆除"}"#)
            #expect(rectified.status == 200, "\(rectified.body)")
            #expect(try Self.hazard(rectified.body).rectifiedBy == "巡查员甲")
            // Four eyes: the one who rectified cannot verify.
            let same = try HTTPCall.run("POST", close, token: "tok-a", body: "{}")
            #expect(same.status == 409 && same.body.contains("someone else must verify"), "\(same.body)")
            let closed = try HTTPCall.run("POST", close, token: "tok-b", body: #"{"note": "现场复核通过"}"#)
            #expect(closed.status == 200, "\(closed.body)")
            let done = try Self.hazard(closed.body)
            #expect(done.state == .closed && done.closedBy == "巡查员乙" && done.history.map(\.by) == ["巡查员甲", "巡查员甲", "巡查员乙"])
            #expect(try HTTPCall.run("POST", close, token: "tok-b", body: "{}").status == 409)
            let stored = try HTTPCall.run("GET", "\(url)/\(h.id)", token: "tok-viewer")
            #expect(stored.status == 200)
            #expect(try Self.hazard(stored.body).state == .closed)
        }

        @Test func photosThatAreNoImageOrTooLargeAndPlacesNobodyKnowsAreRefused() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let url = "\(daemon.baseURL)/api/v1/hazards"
            func open(_ photo: String, street: String = "changshoulu") throws -> (status: Int, body: String) {
                try HTTPCall.run("POST", url, token: "tok-a", body: """
                    {"kind": "blocked_exit", "street": "\(street)", "description": "安全出口堵塞", "photos": [\(photo)]}
                    """)
            }
            let text = Data("just some text".utf8).base64EncodedString()
            let notImage = try open(#"{"content_type": "image/jpeg", "data_base64": "\#(text)"}"#)
            #expect(notImage.status == 400 && notImage.body.contains("photo 0: the bytes are not a JPEG or PNG image"), "\(notImage.body)")
            let mislabelled = try open(#"{"content_type": "image/jpeg", "data_base64": "\#(Self.png)"}"#)
            #expect(mislabelled.status == 400 && mislabelled.body.contains("declared image/jpeg but the bytes are image/png"))
            let gif = try open(#"{"content_type": "image/gif", "data_base64": "\#(Self.png)"}"#)
            #expect(gif.status == 400 && gif.body.contains("content_type must be image/jpeg or image/png"))
            // 2 MiB and one byte of a JPEG.
            var big = Data([0xFF, 0xD8, 0xFF, 0xE0])
            big.append(Data(count: HazardPhoto.maxBytes + 1 - big.count))
            let file = try daemon.folder.write("big.json", """
                {"kind": "blocked_exit", "street": "changshoulu", "description": "x",
                 "photos": [{"content_type": "image/jpeg", "data_base64": "\(big.base64EncodedString())"}]}
                """)
            let oversize = try HTTPCall.run("POST", url, token: "tok-a", bodyFile: file)
            #expect(oversize.status == 400 && oversize.body.contains("larger than 2097152 bytes"), "\(oversize.body.prefix(300))")
            #expect(try open(#"{"content_type": "image/png", "data_base64": "\#(Self.png)"}"#, street: "nowhere").body
                .contains(#"no street \"nowhere\" in the geography"#))
            let sensorKind = try HTTPCall.run("POST", url, token: "tok-a", body: #"{"kind": "offline", "street": "changshoulu", "description": "x"}"#)
            #expect(sensorKind.status == 400 && sensorKind.body.contains("is found by devices"))
            #expect(try HTTPCall.run("GET", "\(url)?state=all", token: "tok-viewer").body.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        }

        @Test func aHazardPastItsDeadlineIsPressedOnTheStreetOfficeOnceAndTheIndexFollows() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            func index() throws -> HazardIndexEntry? {
                let answer = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/hazard-index?level=street", token: "tok-viewer")
                return try Timestamps.decoder().decode([HazardIndexEntry].self, from: Data(answer.body.utf8)).first { $0.id == "changshoulu" }
            }
            // 0.003 h: due 10.8 s after opening.
            let opened = try HTTPCall.run("POST", "\(daemon.baseURL)/api/v1/hazards", token: "tok-a", body: """
                {"kind": "blocked_exit", "street": "changshoulu", "community": "changshoulu-c01", "description": "安全出口被杂物堵塞"}
                """)
            #expect(opened.status == 201, "\(opened.body)")
            let h = try Self.hazard(opened.body)
            #expect(abs(h.dueAt.timeIntervalSince(h.openedAt) - 10.8) < 0.01)
            let before = try #require(try index())
            #expect(before.name == "长寿路街道" && before.openHazards == 1 && before.overdue == 0)
            let late = try Wait.until("hazard \(h.id) overdue", seconds: 40) { () -> Hazard? in
                let stored = try Self.hazard(try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/hazards/\(h.id)", token: "tok-viewer").body)
                return stored.overdue ? stored : nil
            }
            #expect(late.history.map(\.to) == ["open", "reminder", "overdue"])
            let after = try #require(try index())
            #expect(after.overdue == 1 && abs(after.score - 2 * before.score) < 0.01, "\(before) → \(after)")
            let overdueOnly = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/hazards?overdue=true&kind=blocked_exit&community=changshoulu-c01", token: "tok-viewer")
            #expect(try Timestamps.decoder().decode([Hazard].self, from: Data(overdueOnly.body.utf8)).map(\.id) == [h.id])

            // The stream has one reminder and one 督办, in Chinese in tail's readable form.
            let tail = try ChildProcess(Repository.executable("firewatch"), [
                "tail", "--since", "10m", "--kind", "hazard", "--count", "3", "--lang", "zh", "--server", daemon.baseURL, "--token", "tok-viewer"])
            #expect(try tail.waitForExit(seconds: 20) == 0, "\(tail.text)")
            let lines = tail.text.split(separator: "\n")
            #expect(lines.count == 3, "\(tail.text)")
            #expect(lines.first?.contains("隐患发现(hazard.opened)  长寿路街道 曹家渡居委会  疏散通道堵塞(blocked_exit)") == true, "\(tail.text)")
            #expect(lines.dropFirst().first?.contains("隐患临期提醒(hazard.reminder)") == true, "\(tail.text)")
            #expect(lines.last?.contains("隐患逾期督办(hazard.overdue)") == true && lines.last?.contains("督办：长寿路街道 曹家渡居委会 疏散通道堵塞 逾期未整改") == true,
                    "\(tail.text)")
            let json = try ChildProcess(Repository.executable("firewatch"), [
                "tail", "--json", "--since", "10m", "--kind", "hazard.overdue", "--count", "1", "--server", daemon.baseURL, "--token", "tok-viewer"])
            #expect(try json.waitForExit(seconds: 20) == 0)
            let event = try Timestamps.decoder().decode(FeedEvent.self, from: Data(json.text.utf8))
            #expect(event.type == .hazardOverdue && event.hazard?.id == h.id && event.note?.contains("Changshou Road Subdistrict") == true)
        }

        @Test func aRenamedStreetShowsAfterSIGHUP() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            func streetName() throws -> String? {
                let body = try HTTPCall.run("GET", "\(daemon.baseURL)/api/v1/geography", token: "tok-viewer").body
                guard case .object(let g)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)),
                      case .array(let streets)? = g["streets"], case .object(let first)? = streets.first, case .string(let name)? = first["name"]
                else { return nil }
                return name
            }
            #expect(try streetName() == "长寿路街道")
            _ = try daemon.folder.write("streets.yaml", Self.streets.replacingOccurrences(of: "\"长寿路街道\"", with: "\"长寿路街道办事处\""))
            kill(daemon.process.pid, SIGHUP)
            #expect(try Wait.until("the new name", seconds: 20) { try streetName() == "长寿路街道办事处" ? true : nil })
        }

        @Test func theCLIOpensAPatrolHazardWithAPhotoAndListsItByName() throws {
            let broker = try TestBroker()
            defer { broker.stop() }
            let daemon = try Self.daemon(broker)
            defer { daemon.stop(); daemon.folder.remove() }
            let photo = daemon.folder.file("exit.png")
            #expect(FileManager.default.createFile(atPath: photo, contents: Data(base64Encoded: Self.png)))
            func firewatch(_ args: [String], token: String = "tok-a") throws -> (Int32?, String) {
                let p = try ChildProcess(Repository.executable("firewatch"), args + ["--server", daemon.baseURL, "--token", token])
                return (try p.waitForExit(seconds: 20), p.text)
            }
            let (code, out) = try firewatch(["hazards", "open", "--kind", "blocked_exit", "--street", "changshoulu", "--unit", "u-yueda",
                                             "--description", "二楼安全出口上锁", "--photo", photo])
            #expect(code == 0, "\(out)")
            let h = try Self.hazard(out)
            #expect(h.kind == .blockedExit && h.unit == "u-yueda" && h.photos.count == 1 && h.openedBy == "巡查员甲")
            let (bad, said) = try firewatch(["hazards", "open", "--kind", "offline", "--street", "changshoulu", "--description", "x"])
            #expect(bad == 64 && said.contains("--kind must be one of"), "\(said)")
            let (listed, table) = try firewatch(["hazards", "list", "--unit", "u-yueda", "--lang", "zh"], token: "tok-viewer")
            #expect(listed == 0 && table.contains("长寿路街道") && table.contains("曹家渡居委会") && table.contains("悦达889广场") && table.contains("王经理"), "\(table)")
            let (_, index) = try firewatch(["hazards", "index", "--level", "unit", "--json"], token: "tok-viewer")
            #expect(index.contains("\"id\":\"u-yueda\"") && index.contains("悦达889广场"), "\(index)")
        }
    }
}
