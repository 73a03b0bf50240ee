import Foundation
import Testing
@testable import ArabicNormalizer

/// The stats' step counts live in a fixed array and other names in a dictionary; `changes`,
/// equality, hashing and JSON must not show the split.
@Suite("normalization stats")
struct NormalizationStatsTests {
    func stats(_ text: String, then extra: [UInt8] = []) -> NormalizationStats {
        var stats = NormalizationStats()
        var out: [UInt8] = []
        (Array(text.utf8) + extra).withUnsafeBytes { Normalizer(preset: .standard).normalize(utf8: $0, appendingTo: &out, stats: &stats) }
        return stats
    }

    @Test func stepSlotsCoverEveryStep() {
        #expect(Step.allCases.count == StepCounts.count)
        #expect(Set(Step.allCases.map(\.index)) == Set(0..<StepCounts.count))
        #expect(Counter.invalidSequences == StepCounts.count)
    }

    /// The counters are laid out from the step list: each step at its position in `allCases`, the
    /// other counters after the last step, the action word's step field wide enough.
    @Test func stepIndexIsThePositionInAllCases() {
        for (position, step) in Step.allCases.enumerated() {
            #expect(step.index == position, "\(step)")
            #expect(StepCounts.names[step.index] == step.rawValue)
        }
        #expect(StepCounts.count <= StepCounts.capacity)
        // The action word credits character-level and context steps only; the span steps come
        // after them and are credited by the span pass, so only the others need the field.
        let credited = Step.allCases.filter { !StepSet.spanSteps.contains($0) }
        #expect(credited.map(\.index).max()! <= Int(ActionTable.stepMask))
        #expect(StepSet.spanSteps.steps.map(\.index).min()! > credited.map(\.index).max()!)
        #expect(Step.count <= StepSet.RawValue.bitWidth)
        let others = [Counter.invalidSequences, Counter.wordsDeobfuscated] + (0..<SpanCounters.count).map { Counter.spans + $0 }
        #expect(Set(others).count == others.count && others.allSatisfy { $0 >= Step.count && $0 < Counter.count })
    }

    /// Ill-formed bytes and joined words are counted as themselves, never as a step's changes
    /// (a counter numbered into a step's slot would show here).
    @Test func otherCountersAreNoStepsChanges() {
        let everything = Configuration(preset: nil, steps: StepSet(Step.allCases))
        var stats = NormalizationStats()
        var out: [UInt8] = []
        let text = Array("abc ".utf8) + [0xFF, 0xC0, 0x20, 0xFE] + Array(" خـ.ـبر".utf8)
        text.withUnsafeBytes { Normalizer(everything).normalize(utf8: $0, appendingTo: &out, stats: &stats) }
        #expect(stats.invalidSequences == 3)
        #expect(stats.wordsDeobfuscated == 1)
        #expect(stats.changes == ["tatweel": 2, "deobfuscate": 1], "\(stats.changes)")
        for step in Step.allCases where step != .tatweel && step != .deobfuscate { #expect(stats[step] == 0, "\(step)") }
    }

    @Test func countsReadByNameAndByStep() {
        let s = stats("أَحْمَدُ  إلى")
        #expect(s.changes == ["alef": 2, "diacritics": 4, "alef-maksura": 1, "whitespace": 1])
        #expect(s[.diacritics] == 4 && s[.alef] == 2 && s[.hamza] == 0)
    }

    @Test func writingChangesReplacesTheWholeSet() {
        var s = stats("أَحْمَد")
        s.changes["translit", default: 0] += 1
        s.changes["alef", default: 0] += 10
        #expect(s.changes == ["alef": 11, "diacritics": 3, "translit": 1])
        #expect(s[.alef] == 11)
        s.changes = [:]
        #expect(s.changes.isEmpty && s[.diacritics] == 0)
    }

    @Test func equalityAndHashingIgnoreWhereCountsLive() {
        let engine = stats("أَحْمَد")
        var byName = NormalizationStats()
        byName.changes = engine.changes
        byName.bytesIn = engine.bytesIn
        byName.bytesOut = engine.bytesOut
        #expect(byName == engine)
        #expect(Set([byName, engine]).count == 1)
        var other = byName
        other.changes["alef"] = 3
        #expect(other != engine)
    }

    @Test func addingMergesBothKinds() {
        var total = stats("أحمد")
        var named = NormalizationStats()
        named.changes = ["alef": 1, "names": 2]
        total.add(named)
        total.add(stats("إلى"))
        #expect(total.changes == ["alef": 3, "alef-maksura": 1, "names": 2])
    }

    @Test func jsonRoundTripKeepsTheFormat() throws {
        let s = stats("أَحْمَد", then: [0xFF])
        let data = try JSONEncoder().encode(s)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["changes", "wordsDeobfuscated", "invalidSequences", "firstInvalidOffset", "bytesIn", "bytesOut"])
        #expect(object["changes"] as? [String: Int] == ["alef": 1, "diacritics": 3])
        #expect(object["firstInvalidOffset"] as? Int == 14 && object["invalidSequences"] as? Int == 1)
        #expect(try JSONDecoder().decode(NormalizationStats.self, from: data) == s)
    }
}
