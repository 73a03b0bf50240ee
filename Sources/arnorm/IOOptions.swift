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

    @Option(name: .shortAndLong, help: ArgumentHelp("Write everything to FILE (replaced atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write each input to DIR under its path relative to the directory it was found in.", valueName: "DIR"))
    var outputDir: String?

    @Flag(name: .customLong("in-place"), help: "Rewrite the input files (atomically: temporary file, fsync, rename).")
    var inPlace = false

    @Option(help: ArgumentHelp("With --in-place, keep each original as NAME+SUFFIX.", valueName: "SUFFIX"))
    var backup: String?

    @Option(help: ArgumentHelp("Input format: text, jsonl, csv, tsv (default: from the extension; text otherwise).", valueName: "FORMAT"))
    var format: InputFormat?

    @Option(name: .customLong("field"), help: ArgumentHelp("jsonl: a field to process, dotted for nested objects (repeatable; default: every string).", valueName: "NAME"))
    var fields: [String] = []

    @Option(name: .customLong("column"), help: ArgumentHelp("csv/tsv: a column to process, by header name or 1-based index (repeatable; default: all).", valueName: "NAME|INDEX"))
    var columns: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Normalization threads (default: all cores; reading and writing run beside them). Output is identical for every N.", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Ill-formed input: replace (U+FFFD / copy the record; default), skip (leave the line or record out), fail (exit 1).", valueName: "POLICY"))
    var invalid: InvalidPolicy = .replace

    @Flag(inversion: .prefixedNo, help: "Show a progress bar on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "No progress bar, notes or warnings; errors only.")
    var quiet = false

    @Option(help: ArgumentHelp("Write a JSON report of the run to FILE.", valueName: "FILE"))
    var report: String?

    @Flag(help: "Print the JSON report to stderr at the end.")
    var stats = false

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Bytes per work unit (default 1 MiB).", visibility: .hidden))
    var chunkSize = 1 << 20

    mutating func validate() throws {
        let outputs = (output != nil ? 1 : 0) + (outputDir != nil ? 1 : 0) + (inPlace ? 1 : 0)
        if outputs > 1 { throw ValidationError("Use only one of -o/--output, --output-dir and --in-place.") }
        if backup != nil && !inPlace { throw ValidationError("--backup needs --in-place.") }
        if let backup, backup.isEmpty || backup.contains("/") {
            throw ValidationError("--backup needs a non-empty SUFFIX without '/'.")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if chunkSize < 1 { throw ValidationError("--chunk-size must be positive.") }
        let usesStdin = paths.isEmpty || paths.contains("-")
        if usesStdin && (inPlace || outputDir != nil) {
            throw ValidationError("--in-place and --output-dir need files or directories, not standard input.")
        }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once.") }
        if !fields.isEmpty && format != nil && format != .jsonl { throw ValidationError("--field applies to --format jsonl.") }
        if !columns.isEmpty && format != nil && format != .csv && format != .tsv {
            throw ValidationError("--column applies to --format csv and tsv.")
        }
        if fields.contains(where: { $0.isEmpty || $0.split(separator: ".", omittingEmptySubsequences: false).contains("") }) {
            throw ValidationError("--field needs a name like 'text' or 'meta.title'.")
        }
    }

    /// The number of worker threads.
    var resolvedJobs: Int { jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
