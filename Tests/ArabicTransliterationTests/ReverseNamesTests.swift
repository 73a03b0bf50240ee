import Foundation
import Testing
import TestSupport
@testable import ArabicTransliteration

@Suite("names scheme: Latin names to Arabic script")
struct ReverseNamesTests {
    let t = LatinNameTransliterator()
    let rules = LatinNameTransliterator(usesLexicon: false)

    @Test func issueExamples() {
        #expect(t.transliterate("Bashar al-Assad") == "بشار الأسد")
        #expect(t.transliterate("Emmanuel Macron") == "إيمانويل ماكرون")
        #expect(t.transliterate("Vladimir Putin") == "فلاديمير بوتين")
        #expect(t.transliterate("Xi Jinping") == "شي جين بينغ")
    }

    @Test("names by the rules alone (no lexicon)",
          arguments: try VectorFile("names-reverse-rule-cases.tsv", columns: 2...2, minimumRows: 30).rows)
    func byRules(row: VectorFile.Row) {
        #expect(rules.transliterate(row[0]) == row[1], "\(row)")
    }

    @Test("names with the lexicon",
          arguments: try VectorFile("names-reverse-lexicon-cases.tsv", columns: 2...2, minimumRows: 10).rows)
    func withLexicon(row: VectorFile.Row) {
        #expect(t.transliterate(row[0]) == row[1], "\(row)")
    }

    @Test func articleAndCompounds() {
        // The article in its Latin forms, assimilated or not; Abdul/Abdel compounds; -allah, -eddine.
        #expect(rules.transliterate("ash-Sham").hasPrefix("ال"))
        #expect(rules.transliterate("al-Khatib").hasPrefix("ال"))
        #expect(rules.transliterate("Abdel Bari").hasPrefix("عبد ال"))
        #expect(rules.transliterate("Abdulrahman").hasPrefix("عبد ال"))
        #expect(rules.transliterate("Nasrallah").hasSuffix(" الله"))
        #expect(rules.transliterate("Zahreddine").hasSuffix(" الدين"))
        // The article joined to a name the lexicon knows (Gulf spellings); Alberto keeps its letters.
        #expect(t.transliterate("Alwaleed bin Talal") == "الوليد بن طلال")
        #expect(!t.transliterate("Alberto Fernandez").hasPrefix("ال"))
        // A family name written without the article in English takes it in Arabic.
        #expect(t.transliterate("Rafik Hariri") == "رفيق الحريري")
        // A doubled consonant other than s is a doubled letter, not the long a of فاعل (Haffeh).
        #expect(rules.transliterate("Haffeh") == "حفة")
        #expect(rules.transliterate("Nasser") == "ناصر")
        // -eddine and -edine compounds come before a near spelling of the stem alone (صلاح).
        #expect(t.transliterate("Salaheddine") == "صلاح الدين")
        #expect(t.transliterate("Nasreddine").hasSuffix(" الدين"))
        #expect(rules.transliterate("Kheiredine").hasSuffix(" الدين"))
        // A name the lexicon lists with its article is taken whole, not as the article and a word.
        #expect(t.transliterate("al-Qaeda") == "القاعدة")
        #expect(t.transliterate("al-Aqsa") == "الأقصى")
    }

    @Test func arabicPatterns() {
        // فاعل: the a of CaCeC is ا, its final -eh is ح.
        #expect(rules.transliterate("Khaled") == "خالد")
        #expect(rules.transliterate("Nasser") == "ناصر")
        #expect(rules.transliterate("Saleh") == "صالح")
        #expect(LatinNameRules.faIlVowel(Array("qassem")) == 1)
        #expect(LatinNameRules.faIlVowel(Array("ahmed")) == nil)
        #expect(LatinNameRules.faIlVowel(Array("salameh")) == nil)
        // فعّال: a long a after a doubled consonant; doubled letters written once.
        #expect(rules.transliterate("Haddad") == "حداد")
        // (س or ص is the letter model's choice: the rules list both, س first.)
        #expect(["صباغ", "سباغ"].contains(rules.transliterate("Sabbagh")))
        #expect(rules.transliterate("Najjar") == "نجار")
        // The doubled consonant that closes the first syllable (and yy later) is followed by the
        // long a; the short a of Mohammad and of أفعل (Assad) stays short.
        #expect(rules.transliterate("Khaled Hammadi") == "خالد حمادي")
        #expect(rules.transliterate("Yasir al-Rumayyan").hasSuffix("الرميان"))
        #expect(LatinNameRules.arabicPattern(Array("mohammad"), at: 5, length: 1, faIl: nil) == nil)
        #expect(LatinNameRules.arabicPattern(Array("assad"), at: 3, length: 1, faIl: nil) == nil)
        // A final -aC after two consonants: ا before n (فعلان), left out before the others (أفعل, فعلل).
        #expect(rules.transliterate("Khaled Khanjar") == "خالد خنجر")
        #expect(rules.transliterate("Khaled Anwar") == "خالد أنور")
        #expect(rules.transliterate("Khaled Zahran") == "خالد زهران")
        #expect(rules.transliterate("Khaled Karman") == "خالد كرمان")
        #expect(rules.transliterate("Khaled Ayman") == "خالد أيمن")
        #expect(rules.transliterate("Khaled Mukhtar") == "خالد مختار")
        #expect(LatinNameRules.lastSyllableAfterCluster(Array("khanjar"), at: 5)?.first?.0 == [])
        #expect(LatinNameRules.lastSyllableAfterCluster(Array("salman"), at: 4)?.first?.0 == ["ا"])
        #expect(LatinNameRules.lastSyllableAfterCluster(Array("intisar"), at: 5) == nil)
        // فعالة: the a before the last consonant of -ah/-eh after two syllables is ا.
        #expect(rules.transliterate("Ziyad al-Nakhalah").hasSuffix("النخالة"))
        #expect(LatinNameRules.beforeTehMarbuta(Array("nakhalah"), at: 4)?.first?.0 == ["ا"])
        #expect(LatinNameRules.beforeTehMarbuta(Array("salah"), at: 3) == nil)
        #expect(LatinNameRules.beforeTehMarbuta(Array("hamzah"), at: 4) == nil)
        // ei is a long vowel or diphthong, never left out.
        #expect(rules.transliterate("Bureij").contains("ي"))
    }

    @Test func variantsAndEdges() {
        let v = LatinNameTransliterator(variants: 3)
        let list = v.spellings("Sergei Lavrov")
        #expect(list.count >= 2 && list.count <= 3)
        #expect(Set(list).count == list.count)
        #expect(list.first == t.transliterate("Sergei Lavrov"))
        #expect(t.transliterate("") == "")
        // Decomposed and composed accents read the same.
        #expect(rules.transliterate("Jose\u{301}") == rules.transliterate("José"))
    }

    @Test func softC() {
        // In a foreign name c before e, i or y is soft (س, or تش in Italian), never ك.
        #expect(rules.transliterate("Paul Cezanne").hasSuffix("سيزان"))
        #expect(rules.transliterate("Marcelo Rebelo de Sousa").hasPrefix("مارسيلو"))
        #expect(!rules.transliterate("Andrea Bocelli").contains("ك"))
        #expect(rules.transliterate("Vince Cable").hasSuffix("كابل"))
    }

    @Test func originDecision() {
        let o = LatinNameOrigin.shared
        #expect(o.decide(["Sergei", "Lavrov"], lexiconKinds: [nil, nil]).language == "ru")
        #expect(o.decide(["Abdel", "Khaleq"], lexiconKinds: [nil, nil]).style == .arabic)
        #expect(o.decide(["Xi", "Jinping"], lexiconKinds: [nil, nil]).pinyin)
        #expect(!o.decide(["Boris", "Johnson"], lexiconKinds: [nil, nil]).pinyin)
        #expect(o.decide(["Giuseppe", "Conte"], lexiconKinds: [nil, nil]).language == "it")
        // Common given names point to their language: English a_e is ي (Kane), German j is ي.
        #expect(o.decide(["Harry", "Kane"], lexiconKinds: [nil, nil]).language == "en")
        #expect(rules.transliterate("Harry Kane") == "هاري كين")
        #expect(rules.transliterate("Johann Wadephul").hasPrefix("يوهان"))
        #expect(rules.transliterate("Dante Alighieri").hasPrefix("دانتي"))
    }

    @Test func reverseLexicon() {
        let lex = ReverseNameLexicon.bundled
        #expect(lex.lookup("Mohammed").first?.arabic == "محمد")
        #expect(lex.lookup("MUHAMMAD").first?.arabic == "محمد")
        #expect(lex.lookup("Putin").first?.arabic == "بوتين")
        #expect(lex.lookup("no such name").isEmpty)
        #expect(ReverseNameLexicon.key("al-Assad") == "al assad")
        #expect(ReverseNameLexicon.key("Ja’afari") == "jaafari")
    }

    @Test func abdCompoundsInAnySpelling() {
        // عبد ال… compounds the lexicon knows, in spellings it does not list.
        let lex = ReverseNameLexicon.bundled
        #expect(lex.lookupAbd("Abd el-Fattah").first?.arabic == "عبد الفتاح")
        #expect(lex.lookupAbd("Abdul-Fattah").first?.arabic == "عبد الفتاح")
        #expect(lex.lookupAbd("Fattah").isEmpty)
        #expect(ReverseNameLexicon.abdKey("abd el fattah") == "fattah")
        #expect(ReverseNameLexicon.abdKey("abdelfattah") == "fattah")
        #expect(ReverseNameLexicon.abdKey("abderrahmane") == "rahmane")
        #expect(ReverseNameLexicon.abdKey("abdessamad") == "samad")
        #expect(ReverseNameLexicon.abdKey("abdi") == nil)
        #expect(t.transliterate("Alaa Abd el-Fattah") == "علاء عبد الفتاح")
        #expect(t.transliterate("Abdul-Fattah al-Burhan") == "عبد الفتاح البرهان")
        // By the rules alone the divine name is not known (الفتح).
        #expect(rules.transliterate("Abd el-Fattah") != "عبد الفتاح")
    }

    @Test func unlistedSpellingsOfKnownNames() {
        // A spelling the lexicon does not list finds the name whose listed spellings have the same
        // fine key (every vowel group kept); a key shared by two names finds nothing.
        let lex = ReverseNameLexicon.bundled
        #expect(lex.lookup("Mouaz").isEmpty)
        #expect(lex.lookupSimilar("Mouaz").first?.arabic == "معاذ")
        #expect(lex.lookupSimilar("Mouhammad").first?.arabic == "محمد")
        #expect(lex.lookupSimilar("Mouaz al-Khatib").isEmpty)
        #expect(ReverseNameLexicon.spellingKey("Hammadi") != ReverseNameLexicon.spellingKey("Hamdi"))
        #expect(NameKey.wordKey("hammadi", keepingVowels: true) == "HAMADI")
        #expect(t.transliterate("Mouaz al-Khatib") == "معاذ الخطيب")
    }

    @Test func arabicNameEndings() {
        // The nisba -awi (-aoui in French spellings) is اوي; -ieh/-iyeh is ية (names-latin-arabic.tsv).
        #expect(rules.transliterate("Ashrawi").hasSuffix("اوي"))
        #expect(rules.transliterate("Beblawi").hasSuffix("اوي"))
        #expect(rules.transliterate("Belkaoui").hasSuffix("اوي"))
        #expect(rules.transliterate("Mughniyeh").hasSuffix("ية"))
        #expect(rules.transliterate("Nabatieh").hasSuffix("ية"))
    }
}
