import Foundation

/// A table of test vectors: a tab-separated file in the `Vectors/` folder next to the test that
/// reads it. The one format every test target uses:
///
/// - one case per line, fields separated by tabs; blank lines and lines starting with `#` are skipped;
/// - escapes in every field: `\uXXXX` (four hex digits), `\t`, `\n`, `\r`, `\\`; any other
///   backslash is an error (a typo must not silently become a different test);
/// - every row has a number of fields within `columns` (optional trailing fields allowed).
///
/// Loading fails with a `VectorFileError` — so the test that asked fails — when the file is
/// missing, holds no row, holds a malformed row, or holds fewer rows than `minimumRows`. A loaded
/// file states on standard error how many rows it read. Use it in a parameterized test as
/// `@Test(arguments: try VectorFile("steps.tsv", columns: 4...4, minimumRows: 60).rows)`.
public struct VectorFile: Sendable {
    /// One case: its fields (unescaped) and where it came from.
    public struct Row: Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let fields: [String]

        public subscript(index: Int) -> String { fields[index] }
        /// The field at `index`, or `""` for a missing optional trailing field.
        public func optional(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        public var count: Int { fields.count }
        public var description: String { "\(file):\(line): " + fields.joined(separator: " | ") }
    }

    public let name: String
    public let path: String
    public let rows: [Row]

    /// Reads `Vectors/<name>` next to `sourceFile` (the caller's file by default).
    public init(_ name: String, columns: ClosedRange<Int>, minimumRows: Int,
                besides sourceFile: String = #filePath) throws {
        let folder = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent("Vectors")
        try self.init(path: folder.appendingPathComponent(name).path, columns: columns, minimumRows: minimumRows)
    }

    /// Reads the vector file at `path`.
    public init(path: String, columns: ClosedRange<Int>, minimumRows: Int) throws {
        precondition(minimumRows >= 1, "a vector test must ask for at least one row")
        let name = URL(fileURLWithPath: path).lastPathComponent
        self.name = name
        self.path = path
        let bytes: [UInt8]
        do { bytes = try readFileBytes(path) } catch {
            throw VectorFileError(file: name, line: nil, problem: "cannot be read (\(error))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw VectorFileError(file: name, line: nil, problem: "is not valid UTF-8")
        }
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let raw = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.contains(raw.count) else {
                throw VectorFileError(file: name, line: index + 1,
                                      problem: "has \(raw.count) fields, expected \(columns.lowerBound)…\(columns.upperBound)")
            }
            var fields: [String] = []
            for field in raw {
                do { fields.append(try Self.unescape(field)) } catch let problem as EscapeProblem {
                    throw VectorFileError(file: name, line: index + 1, problem: problem.text)
                }
            }
            rows.append(Row(file: name, line: index + 1, fields: fields))
        }
        guard !rows.isEmpty else { throw VectorFileError(file: name, line: nil, problem: "holds no rows") }
        guard rows.count >= minimumRows else {
            throw VectorFileError(file: name, line: nil,
                                  problem: "holds \(rows.count) rows, the test expects at least \(minimumRows)")
        }
        self.rows = rows
        FileHandle.standardError.write(Data("vectors: \(name): \(rows.count) rows read (at least \(minimumRows) expected)\n".utf8))
    }

    struct EscapeProblem: Error { let text: String }

    /// Expands `\uXXXX`, `\t`, `\n`, `\r` and `\\`; throws on anything else after a backslash.
    static func unescape(_ field: Substring) throws -> String {
        guard field.contains("\\") else { return String(field) }
        var out = String.UnicodeScalarView()
        var scalars = field.unicodeScalars[...]
        while let c = scalars.popFirst() {
            guard c == "\\" else { out.append(c); continue }
            guard let next = scalars.popFirst() else { throw EscapeProblem(text: "ends with a lone backslash") }
            switch next {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case "u":
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                scalars = scalars.dropFirst(4)
                guard hex.count == 4, hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16),
                      let scalar = Unicode.Scalar(value) else {
                    throw EscapeProblem(text: "has a malformed escape \\u\(hex) (four hex digits of a scalar value expected)")
                }
                out.append(scalar)
            default:
                throw EscapeProblem(text: "has an unknown escape \\\(next) (known: \\uXXXX \\t \\n \\r \\\\)")
            }
        }
        return String(out)
    }
}

/// Why a vector file could not be used.
public struct VectorFileError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String
    public var description: String {
        "vector file \(file)\(line.map { ":\($0)" } ?? "") \(problem)"
    }
}
