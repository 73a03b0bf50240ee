import Testing
@testable import ArabicTransliteration

@Suite("ICU transforms through the C shim")
struct ICUTransformTests {
    @Test func knownAndUnknownIds() {
        #expect(ICUTransform("Any-Latin") != nil)
        #expect(ICUTransform("Arabic-Latin") != nil)
        #expect(ICUTransform("No-Such-Transform") == nil)
    }

    @Test func cyrillicToLatin() throws {
        let t = try #require(ICUTransform("Any-Latin"))
        #expect(t.transliterate("Брифинг") == "Brifing")
        #expect(t.transliterate("") == "")
    }

    @Test func icuArabicLatinIsTheBaselineOfTheIssue() throws {
        // The issue's example of what ICU alone gives for names.
        let t = try #require(ICUTransform("Arabic-Latin"))
        #expect(t.transliterate("يوري بورينكوف بشار الأسد إدلب") == "ywry bwrynkwf bsẖạr ạlạ̉sd ạ̹dlb")
    }

    @Test func longInputGrowsTheBuffer() throws {
        let t = try #require(ICUTransform("Any-Latin"))
        let text = String(repeating: "Щука ", count: 2000)
        #expect(t.transliterate(text) == String(repeating: "Ŝuka ", count: 2000))
    }
}
