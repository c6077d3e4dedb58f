import DocketCore
import DocketStore

/// A database server that cannot be reached (PostgreSQL: a restart, a network cut) while the review screen is
/// open: the status line says so, the store reconnects on its next call, and a decision whose commit was cut
/// off is looked up once the server answers again, so the reviewer is told plainly whether it was stored.
extension ReviewSession {
    /// A decision sent when the connection was lost, not yet known to be stored or not.
    struct UnconfirmedDecision {
        var request: DecisionRequest
        var decidedAt: Double
        var externalID: String
    }

    /// Whether `error` means the database server could not be reached or the connection was lost.
    static func isLostConnection(_ error: Error) -> Bool {
        if case .unavailable = DocketError(error) { return true }
        return false
    }

    /// Called when storing `request` failed with a lost connection: asks the store (which reconnects) whether the
    /// decision is there. Stored: the next item comes, as after any decision. Not stored: the item stays, still
    /// the reviewer's, to decide again. Server still away: said so, and asked again on the next idle ticks.
    func decisionMetLostConnection(_ request: DecisionRequest, externalID: String, now: Double) {
        connectionLost = true
        unconfirmed = UnconfirmedDecision(request: request, decidedAt: now, externalID: externalID)
        confirmUnconfirmed(now: now)
    }

    /// Looks up the unconfirmed decision, if any; true once the server answered (whatever the answer).
    @discardableResult
    func confirmUnconfirmed(now: Double) -> Bool {
        guard let pending = unconfirmed else { return true }
        let shown = ContentSanitiser.sanitiseLine(pending.externalID)
        let answer: ItemClaim
        do {
            answer = try store.claimItem(queue: state.queue.id, externalID: pending.externalID, reviewer: state.reviewer, now: now)
        } catch let error where Self.isLostConnection(error) {
            state.message = .init("Connection lost: whether \(shown) was stored is not known yet; Docket keeps trying and will say.", .error)
            return false
        } catch {
            unconfirmed = nil
            state.message = .init("Could not check your decision on \(shown): \(DocketError(error).description)", .error)
            return true
        }
        unconfirmed = nil
        connectionLost = false
        let onScreen = state.item?.externalID == pending.externalID
        switch answer {
        case .decidedByYou(let decision) where decision.decidedAt == pending.decidedAt && decision.kind == pending.request.kind:
            uncheckpointed += 1
            state.sessionCount += 1
            if onScreen { try? showNext(now: now) }
            state.message = .init("Saved: \(Self.describe(decision)) for \(shown) (checked once the connection came back).")
        case .claimed:
            // Not stored; the claim took the lease again, so the item is still this reviewer's.
            state.message = .init("Not recorded: the connection was lost while saving. Decide \(shown) again.", .error)
        default:
            if onScreen { try? showNext(now: now) }
            state.message = .init("Not recorded: the connection was lost while saving; \(shown) is no longer yours.", .error)
        }
        return true
    }

    /// The idle tick's view of the connection: `failure` is what reading the counts threw (nil: it worked).
    func noteConnection(failure: Error?, now: Double) {
        if let failure, Self.isLostConnection(failure) {
            if !connectionLost || unconfirmed == nil {
                state.message = .init("Connection to the database lost: reconnecting; nothing can be stored until it is back.", .error)
            }
            connectionLost = true
            return
        }
        guard connectionLost else { return }
        if unconfirmed != nil {
            confirmUnconfirmed(now: now)
        } else {
            connectionLost = false
            state.message = .init("Connection to the database is back.")
        }
    }
}
