import FireWatchCore
import FireWatchHazards
import Foundation

extension PipelineCore {
    /// Opens a patrol hazard: checked against the geography, the unit register and the registry (400 on
    /// what they do not know), due by its kind's allowance (`hazards.due_hours`), photos stored with it.
    public mutating func open(patrol r: PatrolReport, by: String, now: Date) throws(HazardActionError) -> (Hazard, PipelineEffects) {
        guard r.kind.isPatrol else {
            throw .badRequest("kind \"\(r.kind.rawValue)\" is found by devices; a patrol opens one of "
                + HazardKind.patrolKinds.map(\.rawValue).joined(separator: ", "))
        }
        let g = settings.geography
        if !g.streets.isEmpty, g.street(r.street) == nil { throw .unknown("no street \"\(r.street)\" in the geography") }
        if let c = r.community, !g.streets.isEmpty {
            guard let place = g.communities[c] else { throw .unknown("no community \"\(c)\" in the geography") }
            guard place.street == r.street else { throw .conflict("community \"\(c)\" belongs to street \"\(place.street ?? "")\", not \"\(r.street)\"") }
        }
        var unit: BaselineUnit?
        if let id = r.unit {
            guard let u = g.units[id] else { throw .unknown("no unit \"\(id)\" in the unit register") }
            guard u.street == r.street else { throw .conflict("unit \"\(id)\" is in street \"\(u.street)\", not \"\(r.street)\"") }
            if let c = r.community, !u.community.isEmpty, u.community != c {
                throw .conflict("unit \"\(id)\" is in community \"\(u.community)\", not \"\(c)\"")
            }
            unit = u
        }
        var device: Device?
        if let id = r.device {
            guard let d = devices[id] else { throw .unknown("no device \"\(id)\" in the registry") }
            guard d.street == r.street else { throw .conflict("device \"\(id)\" is in street \"\(d.street)\", not \"\(r.street)\"") }
            device = d
        }
        let id = Identifiers.make(prefix: "hzd", at: now)
        let photos = r.photos.enumerated().map { HazardPhoto(hazardID: id, index: $0.offset, contentType: $0.element.contentType, data: $0.element.data) }
        let hazard = Hazard(
            patrol: id, kind: r.kind, street: r.street, community: r.community ?? unit?.community ?? device?.community ?? "",
            unit: unit?.id ?? device?.unit, device: device, location: r.location ?? unit?.location,
            address: r.address ?? unit?.address ?? device?.address ?? "", description: r.description,
            assignee: r.assignee ?? unit?.responsible.first, photos: photos.map(\.id), openedAt: now, by: by,
            allowance: settings.hazards.allowance(r.kind))
        var e = effects()
        e.commit.photos = photos
        e.log(.notice, "patrol hazard opened", ["hazard_id": id, "kind": r.kind.rawValue, "street": r.street, "by": by, "photos": "\(photos.count)"])
        apply(engine.open(patrol: hazard), receivedAt: nil, journalID: nil, now: now, into: &e)
        finish(&e, now: now)
        return (hazard, e)
    }

    /// A rectify with photos of the fix.
    mutating func apply(withPhotos action: HazardAction, now: Date) throws(HazardActionError) -> (Hazard, PipelineEffects) {
        let photos = action.photos
        guard action.kind == .rectify else { throw .badRequest("photos go with opening or rectifying a hazard, not closing it") }
        guard let current = engine.hazards.hazard(id: action.hazardID) else { throw .notFound(action.hazardID) }
        guard current.photos.count + photos.count <= HazardPhoto.maxCount else {
            throw .badRequest("hazard \(current.id) has \(current.photos.count) photos; at most \(HazardPhoto.maxCount) in all")
        }
        let stored = photos.enumerated().map {
            HazardPhoto(hazardID: current.id, index: current.photos.count + $0.offset, contentType: $0.element.contentType, data: $0.element.data)
        }
        var plain = action
        plain.photos = []
        var (_, e) = try apply(plain, now: now)
        // The rectification took: its photos join the hazard in the same step (and commit).
        guard let hazard = engine.addPhotos(stored.map(\.id), to: current.id) else { throw .notFound(current.id) }
        if let i = e.commit.hazards.lastIndex(where: { $0.id == hazard.id }) { e.commit.hazards[i] = hazard }
        for i in e.commit.events.indices where e.commit.events[i].hazard?.id == hazard.id { e.commit.events[i].hazard = hazard }
        e.commit.photos = stored
        return (hazard, e)
    }
}
