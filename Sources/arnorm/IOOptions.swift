import ArabicNormalizer
import ArgumentParser
import Foundation

/// Inputs, formats, outputs, parallelism and reporting: the options every corpus command shares
/// (`@OptionGroup var io: IOOptions`), run by `CorpusRunner`.
struct IOOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files, directories (walked recursively) or - for standard input (the default).",
                                 valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .customLong("glob"), help: ArgumentHelp("In directories, only files whose name matches (repeatable; fnmatch, e.g. '*.txt').", valueName: "PATTERN"))
    var globs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write everything to FILE instead of standard output: a regular file is replaced atomically (through a symlink, the file it points to), a device, FIFO or socket is written directly, - is standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write each input to DIR under its path relative to the directory it was found in.", valueName: "DIR"))
    var outputDir: String?

    @Flag(name: .customLong("in-place"), help: "Rewrite the input files (atomically: temporary file, fsync, rename). A file with other hard links gets a new inode: the other names keep the old text (a note says so).")
    var inPlace = false

    @Option(help: ArgumentHelp("With --in-place, keep each original as NAME+SUFFIX. An existing backup stops the run before anything is written; files named *SUFFIX are never inputs of a directory walk.", valueName: "SUFFIX"))
    var backup: String?

    @Flag(name: .customLong("backup-overwrite"), help: "With --backup, replace backups that already exist.")
    var backupOverwrite = false

    @Option(help: ArgumentHelp("Read input in this encoding (windows-1256, iso-8859-6, cp864, utf-16, ...; see --list-encodings). Default: UTF-8, or what a byte order mark says (UTF-16/32).", valueName: "NAME"))
    var encoding: String?

    @Flag(name: .customLong("keep-encoding"), help: "With --in-place, write each file back in the encoding it was read in (default: UTF-8, said in a note).")
    var keepEncoding = false

    @Flag(name: .customLong("list-encodings"), help: "List the encodings --encoding accepts, with their aliases, and exit.")
    var listEncodings = false

    @Option(help: ArgumentHelp("Input format: text, jsonl, csv, tsv (default: from the extension; text otherwise).", valueName: "FORMAT"))
    var format: InputFormat?

    @Option(name: .customLong("field"), help: ArgumentHelp("jsonl: a field to process, dotted for nested objects (repeatable; default: every string).", valueName: "NAME"))
    var fields: [String] = []

    @Option(name: .customLong("column"), help: ArgumentHelp("csv/tsv: a column to process, by header name or 1-based index (repeatable; default: all).", valueName: "NAME|INDEX"))
    var columns: [String] = []

    @Flag(name: .customLong("strict-fields"), help: "Exit 1 when a --field or --column was never found in an input (default: a warning).")
    var strictFields = false

    @Option(help: ArgumentHelp("csv/tsv: the field delimiter, one ASCII character (default , for csv, tab for tsv; 'tab' or '\\t' for a tab). Without --format, it means csv.", valueName: "CHAR"))
    var delimiter: String?

    @Option(help: ArgumentHelp("csv/tsv: the quote character, one ASCII character (default \").", valueName: "CHAR"))
    var quote: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Normalization threads (default: all cores; reading and writing run beside them). Output is identical for every N.", valueName: "N"))
    var jobs: Int?

    @Option(name: .customLong("invalid"), help: ArgumentHelp("Ill-formed input: replace (U+FFFD / copy the record; default), skip (leave the line or record out), fail (exit 1). With --in-place, a file with ill-formed input or that looks like another encoding is left as it is (exit 1) unless --invalid is given.", valueName: "POLICY"))
    var invalidOption: InvalidPolicy?

    /// `--invalid` (default replace).
    var invalid: InvalidPolicy { invalidOption ?? .replace }

    @Flag(inversion: .prefixedNo, help: "Show a progress bar on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "No progress bar, notes or warnings; errors only.")
    var quiet = false

    @Option(help: ArgumentHelp("Write a JSON report of the run to FILE.", valueName: "FILE"))
    var report: String?

    @Flag(help: "Print the JSON report to stderr at the end.")
    var stats = false

    @Option(name: .customLong("max-record"), help: ArgumentHelp("The most bytes one line, JSONL line or CSV record may take (default 256M, at least 1M; suffixes K, M, G). A text line longer than a chunk is cut at a space between two letters; one with nowhere to cut it, and any other record, is held whole up to this size: a longer one is an error for its file (exit 1), not all the memory.", valueName: "SIZE"))
    var maxRecordOption: String?

    /// `--max-record` in bytes (validated), at least a chunk: a record within one chunk is read
    /// whatever its size, so a smaller limit would hold against some records and not others.
    var maxRecord: Int { max(maxRecordOption.flatMap(IOOptions.byteCount) ?? IOOptions.defaultMaxRecord, chunkSize) }
    static let defaultMaxRecord = 256 << 20

    /// `4096`, `64K`, `256M`, `2G` (powers of 1024) in bytes.
    static func byteCount(_ value: String) -> Int? {
        var digits = Substring(value)
        var shift = 0
        if let last = digits.last, let k = ["K": 10, "M": 20, "G": 30][last.uppercased()] {
            shift = k
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 1, n <= (1 << 40) >> shift else { return nil }
        return n << shift
    }

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Bytes per work unit (default 1 MiB).", visibility: .hidden))
    var chunkSize = 1 << 20

    mutating func validate() throws {
        let outputs = (output != nil ? 1 : 0) + (outputDir != nil ? 1 : 0) + (inPlace ? 1 : 0)
        if outputs > 1 { throw ValidationError("Use only one of -o/--output, --output-dir and --in-place.") }
        if backup != nil && !inPlace { throw ValidationError("--backup needs --in-place.") }
        if backupOverwrite && backup == nil { throw ValidationError("--backup-overwrite needs --backup SUFFIX.") }
        if keepEncoding && !inPlace { throw ValidationError("--keep-encoding applies to --in-place (other outputs are UTF-8).") }
        if let encoding, TextEncoding(encoding) == nil {
            throw ValidationError("Unknown encoding '\(encoding)'. 'arnorm --list-encodings' lists the encodings and aliases ICU knows.")
        }
        for (name, value) in [("--delimiter", delimiter), ("--quote", quote)] {
            guard let value else { continue }
            guard let byte = IOOptions.csvCharacter(value) else {
                throw ValidationError("\(name) needs one ASCII character (or 'tab'), not '\(value)'.")
            }
            if byte == 0x0A || byte == 0x0D { throw ValidationError("\(name) cannot be a line break.") }
        }
        if let d = delimiter.flatMap(IOOptions.csvCharacter), d == (quote.flatMap(IOOptions.csvCharacter) ?? 0x22) {
            throw ValidationError("--delimiter and --quote must differ.")
        }
        if (delimiter != nil || quote != nil) && format != nil && format != .csv && format != .tsv {
            throw ValidationError("--delimiter and --quote apply to --format csv and tsv.")
        }
        if let backup, backup.isEmpty || backup.contains("/") {
            throw ValidationError("--backup needs a non-empty SUFFIX without '/'.")
        }
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024.") }
        if let maxRecordOption, IOOptions.byteCount(maxRecordOption) == nil {
            throw ValidationError("--max-record needs a size in bytes, like 4096, 64K, 256M or 2G, not '\(maxRecordOption)'.")
        }
        if chunkSize < 1 || chunkSize > 1 << 30 { throw ValidationError("--chunk-size must be from 1 to 1073741824.") }
        let usesStdin = paths.isEmpty || paths.contains("-")
        if usesStdin && (inPlace || outputDir != nil) {
            throw ValidationError("--in-place and --output-dir need files or directories, not standard input.")
        }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once.") }
        // A pipe or socket named twice (`/dev/stdin /dev/stdin`, `- /dev/stdin`, a FIFO): its
        // first reading takes all of it, and the second got nothing (or waited for a writer).
        var streams: [String: String] = [:]
        for path in paths {
            var st = stat()
            guard (path == "-" ? fstat(0, &st) : stat(path, &st)) == 0,
                  (st.st_mode & S_IFMT) == S_IFIFO || (st.st_mode & S_IFMT) == S_IFSOCK else { continue }
            let key = "\(st.st_dev):\(st.st_ino)"
            if let first = streams[key] {
                let name = { (p: String) in p == "-" ? "'-' (standard input)" : "'\(PathName.escapingControls(p))'" }
                throw ValidationError("\(name(first)) and \(name(path)) are the same pipe: it can be read only once.")
            }
            streams[key] = path
        }
        if !fields.isEmpty && format != nil && format != .jsonl { throw ValidationError("--field applies to --format jsonl.") }
        if !columns.isEmpty && format != nil && format != .csv && format != .tsv {
            throw ValidationError("--column applies to --format csv and tsv.")
        }
        if fields.contains(where: { $0.isEmpty || $0.split(separator: ".", omittingEmptySubsequences: false).contains("") }) {
            throw ValidationError("--field needs a name like 'text' or 'meta.title'.")
        }
    }

    /// The byte a `--delimiter` or `--quote` value stands for: one ASCII character, or `tab` / `\t`.
    static func csvCharacter(_ value: String) -> UInt8? {
        if value == "tab" || value == "\\t" || value == "\t" { return 0x09 }
        let bytes = Array(value.utf8)
        guard bytes.count == 1, bytes[0] < 0x80 else { return nil }
        return bytes[0]
    }

    /// The encoding `--encoding` names (validated).
    var requestedEncoding: TextEncoding? { encoding.flatMap { TextEncoding($0) } }

    /// The number of worker threads.
    var resolvedJobs: Int { jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
