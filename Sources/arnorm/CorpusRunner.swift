import ArabicNormalizer
import ArgumentParser
import Foundation

/// Runs a `TextTransform` over the inputs of an `IOOptions`: walks the paths, reads each file in
/// chunks of whole records, processes chunks on a worker pool, writes results in input order
/// (so the output is byte-identical for every `--jobs`), reports bad input per file, shows
/// progress and writes the run report.
///
/// Memory: about `(2 × jobs + 3) × chunk size` of input plus the matching output (two chunks of
/// it queued for the writing thread, `BackgroundWriter`), whatever the file size; a single record
/// longer than a chunk that cannot be cut is held whole, up to `--max-record` (`ChunkReader`).
final class CorpusRunner {
    let io: IOOptions
    let transform: any TextTransform
    /// The subcommand, for the report.
    let command: String
    /// The resolved configuration, for the report.
    let configuration: AnyEncodable?
    /// `--explain`: write explanations of changed lines instead of the output.
    var explain = false

    init(io: IOOptions, transform: any TextTransform, command: String, configuration: (any Encodable)? = nil) {
        self.io = io
        self.transform = transform
        self.command = command
        self.configuration = configuration.map(AnyEncodable.init)
    }

    // MARK: - State

    /// One input being processed.
    private final class FileState {
        let input: InputFile
        let format: InputFormat
        var processor: (any ChunkProcessor)?
        var output: OutputSink?
        var outputPath: String?
        var lineBase = 0
        var totals = RunReport.Totals()
        var invalid: (line: Int, offset: Int, message: String, count: Int)?
        var bad: (line: Int, offset: Int, message: String, count: Int)?
        var failed = false
        var error: String?
        /// Where its bytes come from (encoding, byte order mark, hint).
        var source: InputSource?
        /// `--in-place`: where the rewritten file goes (a symlink named on the command line is followed).
        var inPlaceTarget: String?
        /// Whether any output differs from the input (`--in-place` leaves unchanged files alone).
        var changed = false
        /// The last byte written for it (a shared output gets a line break between files).
        var lastByte: UInt8?
        /// JSONL: the `--field` paths met.
        var fieldsFound = Set<Int>()
        /// `--in-place`: the file as it was opened (device, inode, size, modification time).
        var opened: stat?
        /// A regular file's size when it was opened, and the bytes of it there were to read from
        /// where reading started: reading fewer, while it is now smaller, means it was cut short.
        var sizeAtOpen: (size: Int, toRead: Int)?

        init(input: InputFile, format: InputFormat) {
            self.input = input
            self.format = format
        }
    }

    /// One chunk on its way through the pool.
    private struct Task {
        let file: FileState
        let buffer: ByteBuffer
        let offset: Int
        let isFirst: Bool
        let isLast: Bool
        var readError: CLIError?
        /// The record after this chunk is longer than `--max-record`: the file is not read on.
        var nextRecordTooLong = false
    }

    private var inputs: [InputFile] = []
    private var nextInput = 0
    private var current: FileState?
    private var reader: ChunkReader<AnyBoundary>?
    private var readerFD: Int32 = -1
    private var lookahead: (buffer: ByteBuffer, offset: Int)?
    private var currentIsFirst = true
    private var sharedOutput: OutputSink?
    private var progressBar: ProgressBar?
    private var stopAll = false
    private var report: RunReport!
    private var outputDirectory: String?
    /// The file before the current one on a shared output ended without a line break.
    private var sharedOutputNeedsNewline = false
    /// `--field` / `--column` names never found, per name: in how many inputs they were looked for.
    private var fieldMisses: [String: Int] = [:]
    private var fieldHits = Set<String>()
    /// Inputs read to their end.
    private var filesRead = 0

    // MARK: - Run

    /// Processes every input; throws `ExitCode(1)` when something went wrong (already reported).
    func run() throws {
        Diagnostics.quiet = io.quiet
        if io.listEncodings {
            var text = ""
            for (name, aliases) in TextEncoding.available {
                text += name + (aliases.isEmpty ? "" : "  (" + aliases.joined(separator: ", ") + ")") + "\n"
            }
            try StandardOutput.write(text: text)
            return
        }
        let start = Date()
        report = RunReport(command: command, configuration: configuration, invalidPolicy: io.invalid.rawValue,
                           jobs: io.resolvedJobs)
        if io.inPlace || io.output != nil || io.outputDir != nil { TemporaryFiles.installSignalHandlers() }

        var walker = InputWalker(globs: io.globs, removeStaleTemporaries: io.inPlace, backupSuffix: io.backup)
        inputs = walker.walk(io.paths.isEmpty ? ["-"] : io.paths)
        if io.inPlace { inputs = inPlaceInputs(inputs) }
        try checkReportTarget()
        try prepareOutputs()

        let showProgress = io.progress ?? (!io.quiet && isatty(2) != 0)
        if showProgress {
            let sizes = inputs.map(\.size)
            let total = sizes.contains(where: { $0 == nil }) ? nil : sizes.reduce(0) { $0 + ($1 ?? 0) }
            progressBar = ProgressBar(totalBytes: total, totalFiles: inputs.count)
            Diagnostics.progress = progressBar
        }

        let jobs = io.resolvedJobs
        // Reading stays on this thread, writing has its own (`BackgroundWriter`), and the chunks go
        // to `jobs` workers, so that with one worker too the I/O overlaps the normalization.
        // (100 MB > file: `--jobs 1` took 1.72× the C pass's time when this thread did all three,
        // about 1.0× now; `--jobs 2` 0.89×, where the two cores are the bound.)
        let pool = OrderedWorkerPool<ChunkResult>(threads: jobs)
        let window = 2 * jobs + 2
        var inFlight: [Task] = []
        var submitted = 0, consumed = 0
        while true {
            while !stopAll && inFlight.count < window, let task = nextTask() {
                let processor = task.file.processor
                let buffer = task.buffer, isFirst = task.isFirst, isLast = task.isLast
                pool.submit(submitted) {
                    processor?.process(buffer.bytes, isFirst: isFirst, isLast: isLast) ?? ChunkResult()
                }
                inFlight.append(task)
                submitted += 1
            }
            if inFlight.isEmpty { break }
            let task = inFlight.removeFirst()
            let result = pool.take(consumed)
            consumed += 1
            if !stopAll { consume(task, result) }
        }
        pool.shutdown()
        closeReader()

        if filesRead == 0 && !Diagnostics.hadError && report.outputClosed == nil {
            // Nothing found to read (the errors of inputs that could not be read are already said):
            // an -o file keeps what it held.
            let kept = io.output.map { $0 == "-" ? "" : ": '\($0)' left as it was" } ?? ""
            Diagnostics.error("no input file found" + kept)
        }
        if let sharedOutput {
            if stopAll || (filesRead == 0 && io.output != nil) { sharedOutput.abort() } else {
                do { try sharedOutput.commit() } catch {
                    if error.isClosedPipe { report.outputClosed = true } else { Diagnostics.error(error.description) }
                }
            }
        }
        progressBar?.finish()
        Diagnostics.progress = nil

        report.seconds = Date().timeIntervalSince(start)
        report.megabytesPerSecond = report.seconds > 0 ? Double(report.totals.bytesIn) / 1_000_000 / report.seconds : 0
        reportFieldsNeverFound()
        report.errors = walker.errors + report.files.filter { $0.error != nil }.count
        writeReport()
        if Diagnostics.hadError { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    // MARK: - Outputs

    private func prepareOutputs() throws {
        if let path = io.output {
            switch try OutputTarget.resolve(path) {
            case .regularFile(let target):
                var st = stat()
                if stat(target, &st) == 0,
                   inputs.contains(where: { $0.device == UInt64(st.st_dev) && $0.inode == UInt64(st.st_ino) }) {
                    throw CLIError.usage("refusing to write '\(path)': it is also an input (use --in-place to rewrite inputs)")
                }
                sharedOutput = BackgroundWriter(try AtomicFile(path: target))
            case let target:
                sharedOutput = BackgroundWriter(try target.open())
            }
        } else if let dir = io.outputDir {
            let resolvedOut = PathResolution.resolved(dir)
            for argument in io.paths where argument != "-" {
                var st = stat()
                guard stat(argument, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
                let resolvedIn = PathResolution.resolved(argument)
                if resolvedOut == resolvedIn || resolvedOut.hasPrefix(resolvedIn.hasSuffix("/") ? resolvedIn : resolvedIn + "/") {
                    throw CLIError.usage("refusing --output-dir '\(dir)': it is inside the input directory '\(argument)'")
                }
            }
            try PathResolution.makeDirectories(dir)
            if access(dir, W_OK) != 0 { throw CLIError.system("cannot write to the output directory", dir) }
            var seen: [String: String] = [:]
            for input in inputs {
                if let other = seen[input.relativePath] {
                    throw CLIError.usage("'\(other)' and '\(input.path)' would both be written to '\(dir)/\(input.relativePath)'")
                }
                seen[input.relativePath] = input.path
                var st = stat()
                let target = dir + "/" + input.relativePath
                if stat(target, &st) == 0,
                   inputs.contains(where: { $0.device == UInt64(st.st_dev) && $0.inode == UInt64(st.st_ino) }) {
                    throw CLIError.usage("refusing to write '\(target)': it is also an input")
                }
            }
            outputDirectory = dir
        } else if io.inPlace {
            try checkBackups()
        } else {
            sharedOutput = BackgroundWriter(StandardOutput())
        }
    }

    /// `--report PATH`, checked before anything is read or written: not a directory, and not a file
    /// the run reads or writes (an input, `-o`, a file `--output-dir` or `--in-place` writes, a backup).
    private func checkReportTarget() throws(CLIError) {
        guard let path = io.report, path != "-" else { return }
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw CLIError("cannot write the report '\(path)': it is a directory (--report names a file)")
            }
            if (st.st_mode & S_IFMT) != S_IFREG { return }
        }
        if DirectOutput.descriptorNumber(path) != nil { return }
        if path.hasSuffix("/") {
            throw CLIError("cannot write the report '\(path)': it names a directory (--report names a file)")
        }
        let target = (try? OutputTarget.followLinks(path)) ?? path
        // Its folder must exist (or be one --output-dir creates), or the run would end without it.
        let parent = PathName.parent(target)
        if !parent.isEmpty && stat(parent, &st) == 0 && (st.st_mode & S_IFMT) != S_IFDIR {
            // Under a regular file (`f.txt/r.json`): it could never be written.
            throw CLIError.system("cannot write the report", target, errno: ENOTDIR)
        }
        if !parent.isEmpty && stat(parent, &st) != 0 {
            let code = errno
            let resolvedParent = PathResolution.resolved(parent)
            let madeByRun = io.outputDir.map { dir in
                let root = PathResolution.resolved(dir)
                return resolvedParent == root || inputs.contains { input in
                    PathName.join(root, PathName.parent(input.relativePath) + "/").hasPrefix(resolvedParent + "/")
                }
            } ?? false
            if !madeByRun { throw CLIError.system("cannot write the report", target, errno: code) }
        }
        var written: [String] = []
        if let output = io.output, case .regularFile(let outputTarget)? = try? OutputTarget.resolve(output) {
            written.append(outputTarget)
        }
        if let dir = io.outputDir { written += inputs.map { dir + "/" + $0.relativePath } }
        if io.inPlace, let suffix = io.backup {
            written += inputs.map { ($0.isSymlink ? (try? OutputTarget.followLinks($0.path)) ?? $0.path : $0.path) + suffix }
        }
        let resolvedTarget = PathResolution.resolved(target)
        var clash = written.contains { PathResolution.resolved($0) == resolvedTarget }
        if stat(target, &st) == 0 {
            var other = stat()
            clash = clash
                || inputs.contains { !$0.isStandardInput && $0.device == UInt64(st.st_dev) && $0.inode == UInt64(st.st_ino) }
                || written.contains { stat($0, &other) == 0 && other.st_dev == st.st_dev && other.st_ino == st.st_ino }
        }
        if clash {
            throw CLIError.usage("refusing to write the report to '\(path)': the run also reads or writes that file (choose another --report file)")
        }
    }

    /// `--in-place`: the files to rewrite. A symlink named on the command line is followed (its
    /// target is rewritten, the link stays); one met in a directory walk is not (it may lead out of
    /// the tree); a file met twice (hard links, a link and its target) is rewritten once.
    private func inPlaceInputs(_ all: [InputFile]) -> [InputFile] {
        var seen = Set<[UInt64]>()
        var kept: [InputFile] = []
        for input in all {
            if input.isSymlink && input.foundInWalk {
                Diagnostics.note("'\(input.path)' is a symbolic link: not rewritten (name it on the command line to rewrite the file it points to)")
                continue
            }
            if !seen.insert([input.device, input.inode]).inserted {
                Diagnostics.note("'\(input.path)' is the same file as an earlier input: rewritten once")
                continue
            }
            kept.append(input)
        }
        return kept
    }

    /// `--backup SUFFIX` without `--backup-overwrite`: an existing backup stops the run before any
    /// file is touched.
    private func checkBackups() throws(CLIError) {
        guard let suffix = io.backup, !io.backupOverwrite else { return }
        var existing: [String] = []
        for input in inputs where !input.isStandardInput {
            let target = input.isSymlink ? ((try? OutputTarget.followLinks(input.path)) ?? input.path) : input.path
            var st = stat()
            if lstat(target + suffix, &st) == 0 { existing.append(target + suffix) }
        }
        guard !existing.isEmpty else { return }
        let shown = existing.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        let more = existing.count > 3 ? " and \(existing.count - 3) more" : ""
        throw CLIError("backup \(existing.count == 1 ? "file" : "files") \(shown)\(more) already \(existing.count == 1 ? "exists" : "exist"): nothing was rewritten (--backup-overwrite replaces them, or choose another suffix)")
    }

    /// Opens the output of a file's first chunk.
    private func openOutput(_ file: FileState) throws(CLIError) {
        if let sharedOutput {
            file.output = sharedOutput
            if sharedOutputNeedsNewline && !explain {
                try sharedOutput.write(owned: [0x0A])
                report.totals.lineBreaksAdded += 1
                sharedOutputNeedsNewline = false
            }
            return
        }
        if io.inPlace {
            let target = file.inPlaceTarget ?? file.input.path
            file.outputPath = target
            let backup = io.backup.map { AtomicFile.Backup(suffix: $0, overwrite: io.backupOverwrite) }
            var sink: OutputSink = try AtomicFile(path: target, metadata: FileMetadata(ofFileAt: target), backup: backup)
            if let source = file.source {
                if io.keepEncoding && !source.encoding.isUTF8 {
                    sink = try EncodedOutput(sink, encoding: source.encoding, byteOrderMark: source.hadByteOrderMark, path: target)
                } else if source.encoding.isUTF8 && source.hadByteOrderMark {
                    try sink.write(owned: TextEncoding.utf8.byteOrderMark)
                }
            }
            file.output = BackgroundWriter(sink)
        } else if let outputDirectory {
            let target = outputDirectory + "/" + file.input.relativePath
            let parent = PathName.parent(file.input.relativePath)
            if !parent.isEmpty { try PathResolution.makeDirectories(under: outputDirectory, parent) }
            var st = stat()
            if lstat(target, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    throw CLIError("refusing to write through the symbolic link '\(target)' in the output directory; '\(file.input.displayName)' not written")
                }
                if (st.st_mode & S_IFMT) != S_IFREG {
                    throw CLIError("'\(target)' is not a regular file: not replaced; '\(file.input.displayName)' not written")
                }
            }
            file.outputPath = target
            // A new file gets its input's permission bits (less the umask), as cp gives them: a
            // private input (0600) is not made readable by all. An existing one keeps its own.
            let fresh = lstat(target, &st) != 0
            let metadata = fresh ? FileMetadata(newFileMode: file.input.mode & 0o777 & ~CorpusRunner.umaskBits) : nil
            file.output = BackgroundWriter(try AtomicFile(path: target, metadata: metadata))
        }
    }

    /// The process's umask (read once, before any output file is made).
    private static let umaskBits: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    // MARK: - Reading

    private func nextTask() -> Task? {
        while true {
            if current == nil {
                guard nextInput < inputs.count else { return nil }
                let input = inputs[nextInput]
                nextInput += 1
                openInput(input)
                continue
            }
            let file = current!
            guard let chunk = lookahead else {
                // Empty file: one empty task so that its output is still written.
                let task = Task(file: file, buffer: ByteBuffer(capacity: 0), offset: 0, isFirst: true, isLast: true)
                closeReader()
                return task
            }
            var following: (buffer: ByteBuffer, offset: Int)?
            var readError: CLIError?
            var tooLong = false
            do { following = try reader!.next() } catch {
                switch error {
                case .system(let failure): readError = CLIError("cannot read '\(file.input.displayName)': \(failure.reason)")
                case .recordTooLong: tooLong = true
                }
            }
            if following == nil && readError == nil && !tooLong, let cut = cutShort(file, fd: readerFD) { readError = cut }
            var task = Task(file: file, buffer: chunk.buffer, offset: chunk.offset, isFirst: currentIsFirst,
                            isLast: following == nil, readError: readError)
            task.nextRecordTooLong = tooLong
            currentIsFirst = false
            lookahead = following
            if following == nil { closeReader() }
            return task
        }
    }

    /// Opens an input and reads its first chunk (CSV: the header decides the columns).
    private func openInput(_ input: InputFile) {
        var format = io.format ?? (input.isStandardInput ? .text : InputFormat.guess(path: input.path))
        // `--field` or `--column` without `--format` on a file with no telling extension (or stdin).
        if io.format == nil && format == .text {
            if !io.fields.isEmpty { format = .jsonl } else if !io.columns.isEmpty || io.delimiter != nil || io.quote != nil { format = .csv }
        }
        let file = FileState(input: input, format: format)
        let fd: Int32
        var st = stat()
        if input.isStandardInput {
            fd = 0
            _ = fstat(0, &st)
        } else {
            var before = stat()
            if io.inPlace && stat(input.path, &before) == 0 && (before.st_mode & S_IFMT) != S_IFREG
                && (before.st_mode & S_IFMT) != S_IFDIR {
                // Checked before opening: opening a FIFO would wait for a writer, then take its data.
                fail(file, CLIError("'\(input.path)' is not a regular file: --in-place rewrites regular files only; left as it is"))
                return
            }
            // Under --in-place, O_NONBLOCK: a FIFO put there since the check is not waited on.
            fd = open(input.path, O_RDONLY | O_CLOEXEC | (io.inPlace ? O_NONBLOCK : 0))
            if fd < 0 {
                fail(file, CLIError.system("cannot read", input.path))
                return
            }
            if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                fail(file, CLIError("cannot read '\(input.path)': Is a directory"))
                return
            }
            if io.inPlace {
                guard (st.st_mode & S_IFMT) == S_IFREG else {
                    close(fd)
                    fail(file, CLIError("'\(input.path)' is not a regular file: --in-place rewrites regular files only; left as it is"))
                    return
                }
                if input.isSymlink {
                    do { file.inPlaceTarget = try OutputTarget.followLinks(input.path) } catch {
                        close(fd)
                        fail(file, error)
                        return
                    }
                }
                // As it was opened: a file another program replaces or writes to meanwhile is left
                // as that program made it (checked before the output is renamed over it).
                file.opened = st
            }
        }
        let source: InputSource
        do { source = try InputSource(fd: fd, requested: io.requestedEncoding) } catch {
            if fd != 0 { close(fd) }
            fail(file, CLIError("cannot read '\(input.displayName)': \(error.reason)"))
            return
        }
        file.source = source
        if io.inPlace && io.invalidOption == nil, let hint = source.hint {
            if fd != 0 { close(fd) }
            fail(file, CLIError("'\(input.displayName)' \(hint), or --invalid replace to rewrite it as UTF-8 anyway; left as it is"))
            return
        }
        let boundary: AnyBoundary = format == .csv || format == .tsv
            ? .csv(CSVBoundary(delimiter: delimiter(for: format), quote: quoteCharacter))
            : .line(LineBoundary(softLimit: format == .text && transform.splitsLongLinesAtSpaces && !explain
                                    && io.invalid != .skip ? io.chunkSize : nil))
        var newReader = ChunkReader(source: source, chunkSize: io.chunkSize, maxRecord: io.maxRecord, boundary: boundary)
        if (st.st_mode & S_IFMT) == S_IFREG {
            // What is left to read from where the file starts (standard input may be part-read).
            let position = lseek(fd, 0, SEEK_CUR)
            if position >= 0 { file.sizeAtOpen = (Int(st.st_size), Int(st.st_size) - (Int(position) - source.bytesRead)) }
        }
        do {
            lookahead = try newReader.next()
        } catch {
            if fd != 0 { close(fd) }
            switch error {
            case .system(let failure): fail(file, CLIError("cannot read '\(input.displayName)': \(failure.reason)"))
            case .recordTooLong: fail(file, recordTooLong(file, line: 1))
            }
            return
        }
        if lookahead == nil, let cut = cutShort(file, fd: fd) {
            if fd != 0 { close(fd) }
            fail(file, cut)
            return
        }
        do {
            file.processor = try makeProcessor(file, firstChunk: lookahead?.buffer.bytes)
        } catch {
            if fd != 0 { close(fd) }
            fail(file, error)
            return
        }
        reader = newReader
        readerFD = fd
        current = file
        currentIsFirst = true
    }

    private func closeReader() {
        if readerFD > 0 { close(readerFD) }
        readerFD = -1
        reader = nil
        current = nil
        lookahead = nil
    }

    private func makeProcessor(_ file: FileState, firstChunk: UnsafeRawBufferPointer?) throws(CLIError) -> any ChunkProcessor {
        switch file.format {
        case .text:
            return TextProcessor(transform: transform, policy: io.invalid, explain: explain)
        case .jsonl:
            return JSONLProcessor(transform: transform, policy: io.invalid,
                                  fields: io.fields.map { $0.split(separator: ".").map(String.init) }, explain: explain)
        case .csv, .tsv:
            let parser = CSVParser(delimiter: delimiter(for: file.format), quote: quoteCharacter)
            if let firstChunk, parser.headerHasBareCR(firstChunk) {
                throw CLIError("'\(file.input.displayName)' ends its lines with CR alone (classic Mac OS line ends), which arnorm does not read as line breaks: not read (convert them first: tr '\\r' '\\n')")
            }
            let names = firstChunk.map { parser.header($0) } ?? []
            var columns: Set<Int>?
            if !io.columns.isEmpty {
                var set = Set<Int>()
                for spec in io.columns {
                    // Every column of that name (a header may name two alike).
                    let named = names.indices.filter { names[$0] == spec }
                    if !named.isEmpty {
                        set.formUnion(named)
                    } else if let number = Int(spec), number >= 1, number <= names.count {
                        set.insert(number - 1)
                    } else if !names.isEmpty {
                        let numbering = Int(spec).map { $0 < 1 ? ": columns are numbered from 1" : ": it has \(names.count)" } ?? ""
                        // The first 20 names: a header of 200 000 columns made a message of megabytes.
                        let shown = names.prefix(20).joined(separator: ", ") + (names.count > 20 ? ", … \(names.count - 20) more" : "")
                        throw CLIError("no column '\(spec)' in '\(file.input.displayName)'\(numbering) (columns: \(shown))")
                    } else {
                        fieldMisses[spec, default: 0] += 1   // an empty file: no header to find it in
                        continue
                    }
                    fieldHits.insert(spec)
                }
                columns = set
            }
            return CSVProcessor(transform: transform, policy: io.invalid, parser: parser, columns: columns,
                                width: names.count, names: names, explain: explain)
        }
    }

    // MARK: - Writing

    private func fail(_ file: FileState, _ error: CLIError) {
        Diagnostics.error(error.description)
        file.failed = true
        file.error = error.description
        file.output?.abort()
        report.files.append(RunReport.FileEntry(path: file.input.displayName, output: file.outputPath,
                                                format: file.format.rawValue, totals: file.totals, error: error.description))
    }

    /// `fail`, except for a closed pipe (`arnorm big.txt | head`): no error, the run stops there
    /// and its report (`--report`, `--stats`) says the output was closed.
    private func failOrStop(_ file: FileState, _ error: CLIError) {
        guard error.isClosedPipe else { return fail(file, error) }
        file.failed = true
        stopAll = true
        report.outputClosed = true
    }

    private func consume(_ task: Task, _ result: ChunkResult) {
        let file = task.file
        guard !file.failed else { return }
        if task.isFirst {
            do { try openOutput(file) } catch { failOrStop(file, error); return }
        }
        // A record too long after this chunk ends the file there, as a read error does.
        let tooLong = task.nextRecordTooLong ? recordTooLong(file, line: file.lineBase + result.newlines + 1) : nil
        if let readError = task.readError ?? tooLong {
            fail(file, readError)
            if sharedOutput != nil && !io.inPlace && outputDirectory == nil { stopAll = true }
            return
        }
        for (issue, isInvalid) in [(result.invalid, true), (result.badRecords, false)] {
            guard let issue else { continue }
            let line = file.lineBase + issue.lineInChunk + 1
            let offset = task.offset + issue.offset
            if io.invalid == .fail {
                let what = isInvalid && issue.message == "invalid UTF-8" ? invalidDescription(file, offset: offset) : "\(issue.message) at byte \(offset)"
                fail(file, CLIError("\(file.input.displayName):\(line): \(what)"))
                stopAll = true
                return
            }
            if isInvalid && io.inPlace && io.invalidOption == nil {
                // Rewriting would replace what cannot be read: the file is kept, the run goes on.
                let encoding = file.source?.encoding
                let advice = encoding.map { !$0.isUTF8 } == true || issue.message != "invalid UTF-8"
                    ? "--invalid replace rewrites it with U+FFFD for them" : "--encoding NAME if it is in another encoding, or --invalid replace to rewrite it with U+FFFD"
                let what = issue.message == "invalid UTF-8" ? invalidDescription(file, offset: offset) : "\(issue.message) at byte \(offset)"
                fail(file, CLIError("\(file.input.displayName):\(line): \(what): left as it is (\(advice))"))
                return
            }
            if isInvalid {
                if file.invalid == nil { file.invalid = (line, offset, issue.message, 0) }
                file.invalid!.count += issue.count
            } else {
                if file.bad == nil { file.bad = (line, offset, issue.message, 0) }
                file.bad!.count += issue.count
            }
        }
        do {
            if explain {
                var text = ""
                for e in result.explanations {
                    text += e.render(file: file.input.displayName, line: file.lineBase + e.lineInChunk + 1)
                }
                if !text.isEmpty { try text.utf8CString.withUnsafeBytes { try file.output?.write(UnsafeRawBufferPointer(rebasing: $0.dropLast())) } }
            } else {
                try file.output?.write(owned: result.output)
                if io.inPlace && !file.changed { file.changed = !Self.sameBytes(result.output, task.buffer.bytes) }
                if let last = result.output.last { file.lastByte = last }
            }
        } catch let error as CLIError {
            failOrStop(file, error)
            if sharedOutput != nil { stopAll = true }
            return
        } catch {}
        file.lineBase += result.newlines
        file.fieldsFound.formUnion(result.fieldsFound)
        file.totals.add(result.stats)
        file.totals.bytesIn = file.totals.bytesIn  // bytes come from the stats
        if file.format == .text { file.totals.lines += result.records } else {
            file.totals.records += result.records
        }
        progressBar?.advance(bytes: task.buffer.count)
        if task.isLast { finish(file) }
    }

    private func finish(_ file: FileState) {
        filesRead += 1
        if file.format != .text { file.totals.lines = file.lineBase + 0 }
        if let invalid = file.invalid {
            file.totals.invalidSequencesReplaced = io.invalid == .replace ? invalid.count : 0
            if io.invalid == .skip { file.totals.linesSkipped += invalid.count }
            let what = io.invalid == .replace
                ? "\(invalid.count) ill-formed sequence\(invalid.count == 1 ? "" : "s") replaced with U+FFFD"
                : "\(invalid.count) \(file.format == .text ? "line" : "record")\(invalid.count == 1 ? "" : "s") skipped"
            let description = invalid.message == "invalid UTF-8" ? invalidDescription(file, offset: invalid.offset)
                : "\(invalid.message) at byte \(invalid.offset)"
            Diagnostics.warning("\(file.input.displayName):\(invalid.line): \(description); \(what)")
        } else if let hint = file.source?.hint {
            Diagnostics.warning("'\(file.input.displayName)' \(hint) (read as UTF-8)")
        }
        if let bad = file.bad {
            file.totals.badRecords = bad.count
            if io.invalid == .skip { file.totals.linesSkipped += bad.count }
            let unit = file.format == .jsonl ? "line" : "row"
            let what = io.invalid == .replace ? "passed through" : "skipped"
            Diagnostics.warning("\(file.input.displayName):\(bad.line): \(bad.message) (byte \(bad.offset)); \(bad.count) bad \(unit)\(bad.count == 1 ? "" : "s") \(what)")
        }
        if file.format == .jsonl && !io.fields.isEmpty {
            for (index, name) in io.fields.enumerated() {
                if file.fieldsFound.contains(index) { fieldHits.insert(name) } else { fieldMisses[name, default: 0] += 1 }
            }
        }
        let encoding = file.source?.encoding
        var unchanged = false
        var otherHardLinks: Int?
        if let sharedOutput, file.output === sharedOutput {
            sharedOutputNeedsNewline = file.lastByte != nil && file.lastByte != 0x0A
        } else if io.inPlace, let encoding, !file.changed && (encoding.isUTF8 || io.keepEncoding) {
            // Nothing to change: the file is left alone (same inode, same times), and no backup is made.
            file.output?.abort()
            unchanged = true
            file.totals.filesUnchanged = 1
        } else {
            if io.inPlace, let opened = file.opened {
                // Replaced (an editor saves by rename) or written to while it was read: renaming
                // the output over it would lose what the other program wrote.
                let target = file.inPlaceTarget ?? file.input.path
                var now = stat()
                if stat(target, &now) != 0 || now.st_dev != opened.st_dev || now.st_ino != opened.st_ino
                    || now.st_size != opened.st_size || now.st_mtim.tv_sec != opened.st_mtim.tv_sec
                    || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec {
                    fail(file, CLIError("'\(target)' changed while it was read: left as it is (run again to rewrite it)"))
                    return
                }
            }
            do { try file.output?.commit() } catch {
                fail(file, error)
                return
            }
            if io.inPlace, let links = file.opened?.st_nlink, links > 1 {
                // The new file is renamed over this name only: the other names keep the old inode.
                let others = Int(links) - 1
                otherHardLinks = others
                Diagnostics.note("'\(file.inPlaceTarget ?? file.input.displayName)' had \(others) other hard link\(others == 1 ? "" : "s"), which \(others == 1 ? "keeps" : "keep") the old text: --in-place writes a new file and renames it over this name only")
            }
            if io.inPlace, let encoding, !encoding.isUTF8 && !io.keepEncoding {
                Diagnostics.note("'\(file.input.displayName)' was read as \(encoding.name) and is now UTF-8 (--keep-encoding writes it back in \(encoding.name))")
            }
        }
        file.totals.files = 1
        report.totals.add(file.totals)
        var entry = RunReport.FileEntry(path: file.input.displayName, output: file.outputPath,
                                        format: file.format.rawValue, totals: file.totals, error: nil)
        entry.encoding = encoding.map { $0.isUTF8 ? "UTF-8" : $0.name } ?? "UTF-8"
        entry.byteOrderMark = file.source?.hadByteOrderMark == true ? true : nil
        if io.inPlace {
            entry.unchanged = unchanged
            entry.outputEncoding = io.keepEncoding ? entry.encoding : "UTF-8"
            entry.otherHardLinks = otherHardLinks
        }
        report.files.append(entry)
        progressBar?.advance(files: 1)
    }

    /// A line or record longer than `--max-record` with nowhere to cut it.
    private func recordTooLong(_ file: FileState, line: Int) -> CLIError {
        let limit = io.maxRecord
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : limit % 1024 == 0 ? "\(limit >> 10) KiB" : "\(limit) bytes"
        let what = file.format == .text ? "line" : file.format == .jsonl ? "JSONL line" : "record"
        return CLIError("\(file.input.displayName):\(line): a \(what) longer than \(size) (--max-record) with nowhere to cut it: not read further")
    }

    /// At the end of a regular file: an error when fewer bytes were read than it held when it was
    /// opened and it is smaller now (another program truncated it meanwhile), so the output is not
    /// taken for all of it. (A file of /sys says 4096 bytes and holds fewer: its size stays.)
    private func cutShort(_ file: FileState, fd: Int32) -> CLIError? {
        guard let opened = file.sizeAtOpen, let read = file.source?.bytesRead, read < opened.toRead else { return nil }
        var now = stat()
        guard fstat(fd, &now) == 0, Int(now.st_size) < opened.size else { return nil }
        return CLIError("'\(file.input.displayName)' was cut short while it was read (another program truncated it?): \(read) of its \(opened.toRead) bytes read")
    }

    /// How bad input is named: ill-formed UTF-8 at a byte of the file, or, for a file decoded from
    /// another encoding, bytes not valid in it (the offset is then in the decoded text).
    private func invalidDescription(_ file: FileState, offset: Int) -> String {
        if let encoding = file.source?.encoding, !encoding.isUTF8 {
            return "bytes not valid in \(encoding.name)"
        }
        let hint = file.source?.hint.map { " (the file \($0))" } ?? ""
        return "invalid UTF-8 at byte \(offset)\(hint)"
    }

    /// Whether two buffers hold the same bytes.
    private static func sameBytes(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let base = b.baseAddress, !a.isEmpty else { return true }
        return a.withUnsafeBytes { memcmp($0.baseAddress!, base, a.count) == 0 }
    }

    /// The CSV/TSV delimiter: `--delimiter`, or the format's own.
    private func delimiter(for format: InputFormat) -> UInt8 {
        io.delimiter.flatMap(IOOptions.csvCharacter) ?? (format == .tsv ? 0x09 : UInt8(ascii: ","))
    }

    private var quoteCharacter: UInt8 { io.quote.flatMap(IOOptions.csvCharacter) ?? 0x22 }

    /// A warning (an error with `--strict-fields`) for each `--field` / `--column` never found in
    /// any input: a typo would otherwise pass silently, output equal to input.
    private func reportFieldsNeverFound() {
        for name in io.fields + io.columns where !fieldHits.contains(name) {
            guard let misses = fieldMisses[name], misses > 0 else { continue }
            let kind = io.fields.contains(name) ? "field" : "column"
            let message = "\(kind) '\(name)' was never found in \(misses) file\(misses == 1 ? "" : "s")"
            report.fieldsNeverFound.append(name)
            if io.strictFields { Diagnostics.error(message) } else { Diagnostics.warning(message) }
        }
    }

    private func writeReport() {
        guard io.report != nil || io.stats else { return }
        let json = report.json()
        if io.stats { Diagnostics.emit(json) }
        if let path = io.report {
            do {
                // Like -o: a link is followed, a device or FIFO written directly, `-` is standard output.
                let out = try OutputTarget.resolve(path).open()
                try Array(json.utf8).withUnsafeBytes { try out.write($0) }
                try out.commit()
            } catch let error as CLIError {
                if !error.isClosedPipe { Diagnostics.error(error.description) }
            } catch {}
        }
    }
}
