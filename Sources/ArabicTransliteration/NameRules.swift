/// Letter-to-sound rules for names the lexicon lacks.
///
/// Arabic-origin words are unvocalized skeletons: the rules read و and ي as
/// long vowels or glides from their position, supply short vowels from the
/// syllable structure (`خالد` → `Khaled`, `منصور` → `Mansour`), and use the
/// vowel marks instead when the word has them. Foreign words written in Arabic
/// (`بورينكوف`) carry their vowels as letters and are read letter by letter.
enum NameRules {
    struct Letters {
        let arabic: [Unicode.Scalar: String]
        let foreign: [Unicode.Scalar: String]
        let roles: [String: (arabic: String, foreign: String)]
    }

    static let letters: Letters = {
        var a: [Unicode.Scalar: String] = [:], f: [Unicode.Scalar: String] = [:]
        var roles: [String: (String, String)] = [:]
        for row in ResourceFiles.rows("names-letters", skipHeader: true) where row.count >= 3 {
            let key = String(row[0])
            if key.unicodeScalars.count == 1, let s = key.unicodeScalars.first {
                a[s] = String(row[1]); f[s] = String(row[2])
            } else {
                roles[key] = (String(row[1]), String(row[2]))
            }
        }
        return Letters(arabic: a, foreign: f, roles: roles)
    }()

    static let foreignSuffixes: [String] = ["وف", "يف", "وفا", "يفا", "سكي", "سكا", "سكايا", "يتش", "فيتش", "ينكو", "شينكو", "وفسكي", "ييفا", "وفنا", "يفنا", "وتش", "ستي", "وني", "يلي", "يللو", "يني", "اني"]
    static let russianSuffixes: [String] = ["وف", "يف", "وفا", "يفا", "سكي", "سكا", "سكايا", "يتش", "فيتش", "ينكو", "شينكو", "ييفا", "وفنا", "يفنا"]
    static let gutturals: Set<Unicode.Scalar> = ["ع", "ه", "ح", "خ", "غ", "ء"]

    /// Whether a word reads as a foreign name written in Arabic.
    static func isForeign(_ units: [ArabicScript.Unit]) -> Bool {
        let plain = String(String.UnicodeScalarView(units.map(\.letter)))
        if units.contains(where: { "پچڤگژ".unicodeScalars.contains($0.letter) }) { return true }
        if units.count >= 2, units[0].letter == "أ" || units[0].letter == "إ", units[1].letter == "و" || units[1].letter == "ي",
           units.count >= 6 { return true }
        if units.count >= 5, russianSuffixes.contains(where: { plain.hasSuffix($0) }) { return true }
        // A final يه is foreign (Jose, Moshe, Andre) from five letters on; four-letter words in يه
        // are Arabic فعيل (Nabih, Wajih, Nazih).
        if plain.contains("تش") || plain.hasSuffix("ينكو") || units.count >= 5 && plain.hasSuffix("يه") { return true }
        // Endings of European place and person names (Hamburg, Kursk, Volgograd, Rubio).
        if units.count >= 4, ["رغ", "نغ", "سك", "غراد", "يو", "ورت", "يدج"].contains(where: { plain.hasSuffix($0) }) {
            return true
        }
        let arabicOnly = units.contains { "حعصضظطقء".unicodeScalars.contains($0.letter) }
        if arabicOnly { return false }
        // Ends in و after a consonant (Klitschko, Mido): Arabic words rarely do.
        if units.count >= 4, units.last?.letter == "و",
           let before = units.dropLast().last?.letter, !"اويى".unicodeScalars.contains(before) {
            return true
        }
        // Two or more و/ي used as inner vowels: foreign names write their vowels (Belgorod, Sullivan).
        let inner = units.dropFirst().dropLast()
        let innerGlides = inner.indices.filter { i in
            let l = units[i].letter
            guard l == "و" || l == "ي" else { return false }
            let p = units[i - 1].letter, n = units[i + 1].letter
            return !"اويى".unicodeScalars.contains(p) && !"اويىة".unicodeScalars.contains(n)
        }.count
        if units.count >= 5, innerGlides >= 2, !plain.hasPrefix("ال"), units.last?.letter != "ة" { return true }
        let vowels = units.dropFirst().filter { "اوي".unicodeScalars.contains($0.letter) }.count
        let glides = units.dropFirst().filter { "وي".unicodeScalars.contains($0.letter) }.count
        if glides < 2 || units.contains(where: { "ئؤ".unicodeScalars.contains($0.letter) }) { return false }
        let first = units.first?.letter
        if units.count >= 6, vowels >= 3, first != "ا", first != "أ", first != "إ", first != "م", !plain.hasSuffix("اوي"),
           units.last?.letter != "ة", !plain.hasPrefix("ال") {
            return true
        }
        // Two vowel letters in a row other than و/ي doubling (e.g. "يو" inside, "وي" inside) after a short stem.
        return false
    }

    /// Rule spellings of one word (without article), most likely first, in lower case.
    static func romanize(_ units: [ArabicScript.Unit], afterArticle: Bool = false) -> [String] {
        guard !units.isEmpty else { return [""] }
        if units.contains(where: { $0.vowel != nil && $0.vowel != ArabicScript.daggerAlif }) {
            return [vocalized(units)]
        }
        if isForeign(units) {
            return ForeignNames.shared.spellings(units.map(\.letter), limit: 3).map(\.0)
        }
        var primary = arabic(units)
        let l = units.map(\.letter)
        let plainConsonant = isPlainConsonant
        if l.count == 4, l[0] == "إ" || l[0] == "ا", l[1...].allSatisfy(plainConsonant), primary.hasPrefix("i") {
            // إفعل: the second vowel follows the first (Idlib, Irbid).
            primary = String(primary.dropLast(2)) + "i" + String(primary.suffix(1))
        }
        let notConsonant = notConsonantLetters
        if afterArticle, l.count == 4, l[2] == "ا", !"اىةءأإآئؤ".unicodeScalars.contains(l[0]), !"اىةءأإآئؤع".unicodeScalars.contains(l[1]),
           !notConsonant.contains(l[3]) {
            // فعّال after the article (family names of trades, عبد + divine names): al-Haddad, al-Khayyat, Abdul Razzaq.
            let m = letters.arabic
            let mid = m[l[1]] ?? ""
            let first = l[0] == "ع" ? "" : (m[l[0]] ?? "")
            primary = first + "a" + (mid.count == 1 ? mid + mid : mid) + "a" + (m[l[3]] ?? "")
        }
        if l.count >= 5, l[0] == "م", l[1] != "ع", !notConsonant.contains(l[1]), primary.hasPrefix("ma"),
           l[2] == "ت" || l[2] == "ط" || l[2] == "ا" && l.count == 5 && !notConsonant.contains(l[3]) && !notConsonant.contains(l[4]) {
            // Participles: مُفتعِل/مُفتعَل (Mukhtar, Muntasir, Mustafa, Murtada) and مُفاعِل (Mubarak, Mujahid).
            primary = "mu" + primary.dropFirst(2)
        }
        if !afterArticle, l.count == 4, l[0] == "م", plainConsonant(l[1]), l[1] != "م", l[1] != "ه", l[2] == "ي",
           plainConsonant(l[3]), l[3] != "ه" {
            // مُفعِل of a hollow root (Munir, Mufid, Munib, Munif): م, a consonant, ي, a consonant.
            let m = letters.arabic
            primary = "mu" + (m[l[1]] ?? "") + "i" + (m[l[3]] ?? "")
        }
        if l.count >= 4, l[0] == "أ" || l[0] == "ا", l[1] == "ي", primary.hasPrefix("ai"), !notConsonant.contains(l[2]) || l[2] == "و" {
            // أيمن, أيوب, أيهم: the glide after initial alif is written y (Ayman, Ayoub, Ayham).
            primary = "ay" + primary.dropFirst(2)
        }
        if units.count >= 4, units.last?.letter == "ة", units[units.count - 2].letter == "ي", primary.hasSuffix("iya") {
            // -iyah in place names with the article (Nasiriyah), -ia in given names (Nadia, Rania).
            primary = String(primary.dropLast(3)) + (afterArticle ? "iyah" : "ia")
        }
        return arabicVariants(primary, tehMarbuta: units.last?.letter == "ة")
    }

    /// Letters that are no consonant of a pattern: the long vowels' letters, alef maksura, teh
    /// marbuta, hamza and its seats.
    static let notConsonantLetters = "اويىةءأإآئؤ".unicodeScalars

    /// A consonant a pattern may hold in any place: not one of `notConsonantLetters`, nor ع.
    static func isPlainConsonant(_ c: Unicode.Scalar) -> Bool { c != "ع" && !notConsonantLetters.contains(c) }

    /// فعّال and فعّول read with the doubled middle consonant (Najjar, Khattab, Abbas, Hammoud,
    /// Alloush): the shape of family names from trades and of Levantine family names, used for the
    /// last word of a name of two or more words, where the family name stands (a middle word is
    /// more often the father's given name: Nizar, Murad). Nil for other shapes.
    static func doubledFamilyName(_ units: [ArabicScript.Unit]) -> [String]? {
        let l = units.map(\.letter)
        guard l.count == 4, l[2] == "ا" || l[2] == "و", !units.contains(where: { $0.vowel != nil || $0.shadda }) else { return nil }
        let notConsonant = notConsonantLetters
        guard !notConsonant.contains(l[0]), !notConsonant.contains(l[1]), !notConsonant.contains(l[3]),
              l[1] != "ع", l[1] != "ه", l[1] != l[3] else { return nil }
        let m = letters.arabic
        let mid = m[l[1]] ?? ""
        let first = l[0] == "ع" ? "" : (m[l[0]] ?? "")
        let vowel = l[2] == "ا" ? "a" : (letters.roles["LONG_U"]?.arabic ?? "ou")
        return arabicVariants(first + "a" + (mid.count == 1 ? mid + mid : mid) + vowel + (m[l[3]] ?? ""))
    }

    /// مُفعِل with four consonant letters (Muhsin, Mundhir, Muslim, Muqrin): the active participles
    /// that given names are, used for a word followed by another word of the name; a lone word or a
    /// family name of this shape is more often مَفعَل (Mashhad, Manbij, Mahrez). Nil for other shapes.
    static func participleGivenName(_ units: [ArabicScript.Unit]) -> [String]? {
        let l = units.map(\.letter)
        guard l.count == 4, l[0] == "م", !units.contains(where: { $0.vowel != nil || $0.shadda }),
              l[1...].allSatisfy(isPlainConsonant), l[1] != "م", l[1] != "ه", l[2] != "م",
              l[3] != "ه", l[2] != l[3] else { return nil }
        let m = letters.arabic
        return arabicVariants("mu" + (m[l[1]] ?? "") + (m[l[2]] ?? "") + "i" + (m[l[3]] ?? ""))
    }

    // MARK: vocalized words

    static func vocalized(_ units: [ArabicScript.Unit]) -> String {
        let map = letters.arabic
        var out = ""
        for (i, u) in units.enumerated() {
            let prev = i > 0 ? units[i - 1] : nil
            switch u.letter {
            case "ا", "ى":
                if i == 0 { out += u.vowel.map(vowel) ?? "a" }
                else if prev?.vowel != ArabicScript.fathatan { if !out.hasSuffix("a") { out += "a" } }
            case "ة":
                if !out.hasSuffix("a") { out += "a" }
            case "و" where u.vowel == nil && !u.shadda && i > 0:
                out += prev?.vowel == ArabicScript.fatha ? "w" : (prev?.vowel == ArabicScript.damma ? "" : "ou")
            case "ي" where u.shadda && u.vowel == nil && i == units.count - 1 && prev?.vowel == ArabicScript.kasra:
                break
            case "ي" where u.vowel == nil && !u.shadda && i > 0:
                if prev?.vowel == ArabicScript.fatha { out += "y" } else if prev?.vowel == ArabicScript.kasra { out += "" ; out += out.hasSuffix("i") ? "" : "i" } else { out += "i" }
            case "أ", "إ", "آ", "ء", "ؤ", "ئ", "ع":
                if i == 0 {
                    out += u.vowel.map(vowel) ?? (u.letter == "إ" ? "i" : "a")
                } else {
                    if u.shadda { out += "" }
                    if let v = u.vowel { out += vowel(v) }
                    else if u.letter == "ع" && out.hasSuffix("a") { out += "a" }
                }
            default:
                let l = map[u.letter] ?? String(u.letter)
                out += l
                if u.shadda { out += String(l.last!) }
                if let v = u.vowel { out += vowel(v) }
            }
        }
        return out
    }

    static func vowel(_ v: Unicode.Scalar) -> String {
        switch v {
        case ArabicScript.fatha, ArabicScript.fathatan: "a"
        case ArabicScript.damma, ArabicScript.dammatan: "u"
        case ArabicScript.kasra, ArabicScript.kasratan: "i"
        case ArabicScript.daggerAlif: "a"
        default: ""
        }
    }

    // MARK: foreign words

    static func foreign(_ units: [ArabicScript.Unit]) -> String {
        let map = letters.foreign
        let plain = String(String.UnicodeScalarView(units.map(\.letter)))
        let russian = russianSuffixes.contains { plain.hasSuffix($0) }
        let isVowel: (Unicode.Scalar?) -> Bool = { $0 == "ا" || $0 == "و" || $0 == "ي" || $0 == "ى" || $0 == "ة" }
        var out = ""
        for (i, u) in units.enumerated() {
            let prev = i > 0 ? units[i - 1].letter : nil
            let next = i + 1 < units.count ? units[i + 1].letter : nil
            switch u.letter {
            case "و":
                if i == 0 { out += "w" }
                else if isVowel(next) && isVowel(prev) { out += "v" }
                else if prev == "ي" && i == 1 { out += "u" }
                else if units.count - i >= 3, !units[(i + 1)...].contains(where: { isVowel($0.letter) }) {
                    out += "u"   // before a final cluster: Hamburg, Frankfurt, Kursk
                }
                else { out += "o" }
            case "ي":
                if i > 0, next == "و", i + 2 == units.count { out += "i" }   // Sadio, Rubio
                else if i == 0 || isVowel(next) && next != "ة" { out += "y" }
                else if prev == "ي" { out += "" }
                else if prev == "ا" || prev == "و" { out += next == nil ? "y" : "i" }
                else { out += "i" }
            case "ف":
                out += (russian || (isVowel(prev) && isVowel(next))) ? "v" : "f"
            case "ا":
                out += "a"
            case "ع", "ء":
                break
            case "ه" where i == units.count - 1 && prev == "ي":
                break
            default:
                out += map[u.letter] ?? String(u.letter)
            }
        }
        if russian, out.hasSuffix("ii") { out.removeLast() }
        // Russian surnames in -ev are written يف: Patrushev, Medvedev; after a vowel -yev (Aliyev, Tokayev).
        if russian, plain.hasSuffix("يف"), units.count >= 5, out.hasSuffix("iv") {
            let stem = out.dropLast(2)
            out = String(stem) + ("aeiouy".contains(stem.last ?? "x") ? "yev" : "ev")
        } else if russian, plain.hasSuffix("ييف"), out.hasSuffix("yv") {
            let stem = out.dropLast(2)
            out = String(stem) + ("aeiou".contains(stem.last ?? "x") ? "yev" : "iev")   // Tokayev, Lavrentiev
        }
        // Initial alif or hamza before a written vowel is silent (Olaf, Itamar); ao/ai at the start read o/i.
        if out.hasPrefix("ao") || out.hasPrefix("ii") || out.hasPrefix("ai") && units.count > 1 && units[1].letter == "ي" { out.removeFirst() }
        // An initial cluster Arabic spelling leaves unvoweled (Bnyamin): add e unless it is a common one (br, st...).
        if units.count >= 4, !isVowel(units[0].letter), !isVowel(units[1].letter),
           !"اأإآع".unicodeScalars.contains(units[0].letter),
           !"رلوي".unicodeScalars.contains(units[1].letter), units[0].letter != "س", units[0].letter != "ش",
           let first = out.unicodeScalars.first, !"aeiou".unicodeScalars.contains(first) {
            let head = map[units[0].letter] ?? ""
            if out.hasPrefix(head) { out = head + "e" + out.dropFirst(head.count) }
        }
        if plain.hasSuffix("برغ"), units.count >= 5, !isVowel(units[units.count - 4].letter) {
            out = String(out.dropLast(3)) + "berg"   // Stoltenberg, Grundberg
        }
        for (from, to) in [("inko", "enko"), ("inkov", "enkov"), ("tsh", "ch")] where out.contains(from) {
            out = out.replacingOccurrences(of: from, with: to)
        }
        return out
    }

    // MARK: unvocalized Arabic words

    /// A segment of an unvocalized word: a consonant or a long vowel.
    enum Seg: Equatable {
        case c(Unicode.Scalar)
        case long(Character) // "a", "i", "u"
        case final(String)   // teh marbuta / alif maksura endings, spelled as given
    }

    static func segments(_ units: [ArabicScript.Unit]) -> [Seg] {
        let letters = units.map(\.letter)
        var segs: [Seg] = []
        let n = letters.count
        var i = 0
        while i < n {
            let l = letters[i]
            let prev: Unicode.Scalar? = i > 0 ? letters[i - 1] : nil
            let next: Unicode.Scalar? = i + 1 < n ? letters[i + 1] : nil
            switch l {
            case "ا":
                if i == 0 { segs.append(.c("ا")) } else { segs.append(.long("a")) }
            case "آ":
                if i == 0 { segs.append(.c("آ")) } else { segs.append(.long("a")) }
            case "ى":
                segs.append(.final("a"))
            case "ة":
                if prev == "ا" { segs.append(.final("t")) } else { segs.append(.final("a")) }
            case "و", "ي":
                let longV: Character = l == "و" ? "u" : "i"
                if i == 1, l == "ي", next == "ا", n >= 4, !"اويىأإآ".unicodeScalars.contains(letters[0]), !"ةءى".unicodeScalars.contains(letters[3]),
                   n > 4 || letters[3] != "ن" {
                    segs.append(.long("i"))   // Riad, Ziad, Diala; فَعَلان keeps the glide: Rayan, Bayan, Layan
                } else if i == 0 || prev == "ا" || next == "ا" || next == "ى" || next == l || next == "ة" && l == "ي" && prev != nil && i >= 2
                            || l == "ي" && next == "و" && i >= 1 && !"اأإآع".unicodeScalars.contains(letters[0]) && (i + 2 == n || !"اويىة".unicodeScalars.contains(letters[i + 2])) {
                    // (ي before the long u و is the glide y: Marjayoun, Jayousi, Bayoud.)
                    if next == "ة" && l == "ي" { segs.append(.long("i")); segs.append(.c("ي")) } else { segs.append(.c(l)) }
                } else if next == nil {
                    segs.append(.long(longV == "u" ? "o" : "i"))
                } else if i == 1, letters[0] == "آ" {
                    segs.append(.c(l))   // Aya, Awatif: after آ a glide is a consonant
                } else if i == 1, segs.count == 1, case .c = segs[0] {
                    // After the first consonant: diphthong (Faisal, Shawkat) or long vowel (Nour, Yousef).
                    // و is the diphthong aw only in a four-letter word that ends in a consonant
                    // (Shawkat, Nawfal, Kawthar) and after ع (Awni, Awlaki); before a vowel letter and
                    // in longer words it is the long u, nisbas included (Houthi, Khouri, Hourani, Tounsi).
                    if l == "ي", n == 4, !"عحهخغ".unicodeScalars.contains(letters[0]), isPlainConsonant(letters[2]),
                       "ياة".unicodeScalars.contains(letters[3]) {
                        // A four-letter word ending in a vowel letter is فِيلا / فِيلي with the long i
                        // (Dina, Rima, Lina, Rita, Sisi, Tibi, Rifi; after a guttural the diphthong: Haifa, Khairi).
                        segs.append(.long("i"))
                    } else if l == "ي" {
                        segs.append(letters[0] == "إ" ? .long("i") : .long("y"))
                    } else if n >= 4, letters[0] == "ع" || n == 4 && letters[0] != "ي" && !"ةاىي".unicodeScalars.contains(letters[3]) {
                        segs.append(.long("w"))
                    } else {
                        segs.append(.long("u"))
                    }
                } else {
                    segs.append(.long(longV))
                }
            default:
                segs.append(.c(l))
            }
            i += 1
        }
        return segs
    }

    /// A consonant or vowel of an unvocalized word after glides are resolved.
    enum Tok: Equatable {
        case c(Unicode.Scalar)
        case v(String, long: Bool)
    }

    static func tokens(_ segs: [Seg]) -> [Tok] {
        segs.map { seg -> Tok in
            switch seg {
            case .c(let l): return .c(l)
            case .long(let v):
                switch v {
                case "a": return .v("a", long: true)
                case "i": return .v(letters.roles["LONG_I"]?.arabic ?? "i", long: true)
                case "u": return .v(letters.roles["LONG_U"]?.arabic ?? "ou", long: true)
                case "o": return .v("o", long: true)
                case "w": return .v("aw", long: false)
                default: return .v("ai", long: false)
                }
            case .final(let f): return .v(f == "t" ? "at" : f, long: false)
            }
        }
    }

    /// Diminutive name patterns: CuCayCi (Zubaidi, Otaibi), CuCayCan (Sulaiman).
    static func diminutive(_ units: [ArabicScript.Unit]) -> String? {
        let l = units.map(\.letter)
        let vowelLetters = "اويىةء".unicodeScalars
        func cons(_ i: Int) -> Bool { !vowelLetters.contains(l[i]) && l[i] != "أ" && l[i] != "إ" && l[i] != "آ" }
        let map = letters.arabic
        func v(_ i: Int) -> String { map[l[i]] ?? "" }
        let first = l.first == "ع" ? "o" : v(0) + "u"
        if l.count == 4, l[1] == "ه", l[2] == "ي", cons(0), cons(3), l[0] != "م" {
            // فُعَيل with h: Zuhair, Suhail, Suhaib (فَعِيل rarely has h second).
            return first + "hai" + v(3)
        }
        if l.count >= 4, l.count <= 5, l[1] == "و", l[2] == "ي", cons(0), cons(3), l[0] != "م",
           l.count == 4 || l[4] == "ي" || l[4] == "ة" {
            // فُعَيل of a root with و second: Kuwait, Ruwais, Suwaidi, Kuwaiti, Ruwaida.
            let end = l.count == 4 ? "" : (l[4] == "ي" ? "i" : "a")
            return first + "wai" + v(3) + end
        }
        if l.count == 5, l[2] == "ي", l[4] == "ي", cons(0), cons(1), cons(3) {
            if l[3] == "ع" { return first + v(1) + "aie" }   // Rubaie
            return first + v(1) + "ai" + v(3) + "i"
        }
        if l.count == 6, l[2] == "ي", l[4] == "ا", l[5] == "ن", cons(0), cons(1), cons(3) {
            return first + v(1) + "ai" + v(3) + "an"
        }
        return nil
    }

    static func arabic(_ units: [ArabicScript.Unit]) -> String {
        if let d = diminutive(units) { return d }
        let plain = units.map(\.letter)
        if plain.count == 4, plain[3] == "ى", !"اأإآءع".unicodeScalars.contains(plain[0]),
           !plain[1..<3].contains(where: { "اويأإآءع".unicodeScalars.contains($0) }) {
            // فُعلى: Kubra, Lubna, Yusra, Bushra.
            let m = letters.arabic
            return (m[plain[0]] ?? "") + "u" + (m[plain[1]] ?? "") + (m[plain[2]] ?? "") + "a"
        }
        let map = letters.arabic
        let roles = letters.roles
        let toks = tokens(segments(units))
        let n = toks.count
        func isC(_ k: Int) -> Bool { k >= 0 && k < n && { if case .c = toks[k] { return true }; return false }() }
        let consonants = toks.indices.filter(isC).count
        let hasLong = toks.contains { if case .v(_, true) = $0 { return true }; return false }
        // Positions (consonant indices) after which a short vowel is inserted.
        var vowelAfter = Set<Int>()
        var k = 0
        while k < n {
            guard isC(k) else { k += 1; continue }
            var end = k
            while isC(end + 1) { end += 1 }
            let run = Array(k...end)
            let m = run.count
            let atStart = k == 0
            let atEnd = end == n - 1
            if atStart && atEnd {
                // No vowel letters at all.
                if m == 3 {
                    let mid = (toks[1] == .c("ع") || toks[1] == .c("ه") || toks[1] == .c("ح") || toks[1] == .c("خ") || toks[1] == .c("غ"))
                    vowelAfter.insert(0)
                    if !(mid || toks[2] == .c("ر")) { vowelAfter.insert(1) }
                } else {
                    var j = 0
                    while j < m - 1 {
                        vowelAfter.insert(run[j])
                        j += 2
                        if j == m - 2 { vowelAfter.insert(run[j]); break }
                    }
                }
            } else if atStart {
                // Initial cluster before a vowel: the last consonant is the vowel's onset.
                var j = 0
                while j < m - 1 { vowelAfter.insert(run[j]); j += 2 }
            } else if atEnd {
                // Final cluster after a vowel: first is a coda or onset, the last a coda.
                if m == 2 { vowelAfter.insert(run[0]) }
                else if m >= 3 { vowelAfter.insert(run[1]) }
            } else if m >= 3 {
                vowelAfter.insert(run[1])
            } else if m == 2, k > 0, case .v(_, true) = toks[k - 1], end + 1 < n, case .v(_, true) = toks[end + 1],
                      toks[k] != .c("ن") {
                // Between two long vowels a short one is more likely than a cluster (Amiri, Jaberi).
                vowelAfter.insert(run[0])
            }
            k = end + 1
        }
        var out = ""
        var prevLong = false
        var ayinBeforeLongI = false
        var lastWasVowel = false
        for (i, t) in toks.enumerated() {
            defer { if case .v = t { lastWasVowel = true } else { lastWasVowel = false } }
            switch t {
            case .v(let s, let long):
                if ayinBeforeLongI, long, s == "i" { out += "e"; ayinBeforeLongI = false }   // Saeed
                else if s == "a", long, out.hasSuffix("a"), lastWasVowel { }
                else if s == "at", out.hasSuffix("a") { out += "t" }                        // Hayat
                else { out += s }
                prevLong = long
                continue
            case .c(let l):
                let next: Tok? = i + 1 < n ? toks[i + 1] : nil
                switch l {
                case "ا", "أ":
                    if i == 0, isC(i + 1) { out += (l == "ا" && consonants >= 4 && hasLong) ? "i" : "a" }
                    else if i == 0, case .v(let s, let long)? = next, !s.hasPrefix("a") {
                        // Before a long vowel the carrier is silent (Iman, Olaf); before a diphthong it is a (Ayman).
                        if !long { out += "a" }
                    }
                    if i == 0 { vowelAfter.remove(i) }
                case "إ":
                    if i == 0, isC(i + 1) { out += "i" }
                    if i == 0 { vowelAfter.remove(i) }
                case "آ": out += "a"; vowelAfter.remove(i)
                case "ع":
                    if i == 0 {
                        if isC(i + 1) { out += "a" }
                        vowelAfter.remove(i)
                    }
                    else if case .v(let s, true)? = next, s.hasPrefix("i") || s.hasPrefix("e"), out.hasSuffix("a"), !prevLong {
                        out += "e"
                        ayinBeforeLongI = true
                    }
                    else if isC(i + 1), out.hasSuffix("a"), next != .c("ي") { out += "a" }
                    else if i == n - 1, case .v(let s, true) = toks[i - 1], s == "i" {
                        out += "e"   // a final ع after the long i: Rabie, Badie, Wadie
                    }
                case "ئ":
                    vowelAfter.remove(i)
                    if i == n - 2, case .v(let s, _)? = next, s == "i" { break }   // Samarrai, Tai
                    out += prevLong || out.hasSuffix("a") ? "e" : "i"
                case "ؤ":
                    if case .v("a", true)? = next, out.hasSuffix("a"), !prevLong {
                        out.removeLast(); out += "ou"   // فؤاد → Fouad
                    } else if case .v? = next { } else { out += "u" }
                case "ء": if i == n - 1, out.hasSuffix("a") { out += "a" }
                case _ where (l == "س" || l == "ص") && prevLong && out.hasSuffix("a")
                        && (vowelAfter.contains(i) || { if case .v? = next { return true }; return false }())
                        && toks[(i + 1)...].filter({ if case .v = $0 { return true }; return false }).count
                            + (vowelAfter.contains(i) ? 1 : 0) == 1:
                    // s between vowels after long a, opening the last syllable, is written ss
                    // (Nasser, Qassem, Yassin; not Nasiriyah).
                    out += "ss"
                default: out += map[l] ?? String(l)
                }
                if vowelAfter.contains(i) {
                    let finalSyllable = !toks[(i + 1)...].contains { if case .v = $0 { return true }; return false }
                    if prevLong && finalSyllable { out += roles["SHORT_AFTER_LONG"]?.arabic ?? "e" }
                    else if prevLong { out += "i" }
                    else { out += roles["SHORT_DEFAULT"]?.arabic ?? "a" }
                }
                prevLong = false
            }
        }
        return out
    }

    static func consonantLetter(_ s: Seg) -> Unicode.Scalar {
        if case .c(let l) = s { return l }
        return " "
    }

    /// The primary spelling and common alternatives (e/i, ou/u, ai/ay, aw/ou).
    static func arabicVariants(_ primary: String, tehMarbuta: Bool = false) -> [String] {
        var result = [primary]
        if tehMarbuta, primary.hasSuffix("a") {
            result.append(primary + "h")
            result.append(String(primary.dropLast()) + "eh")
        }
        let swaps: [(String, String)] = [("ou", "u"), ("e", "i"), ("ai", "ay"), ("aw", "ou"), ("i", "ee"), ("q", "k"), ("u", "o")]
        for (a, b) in swaps where primary.contains(a) {
            let v = primary.replacingOccurrences(of: a, with: b)
            if !result.contains(v) { result.append(v) }
        }
        return result
    }
}
