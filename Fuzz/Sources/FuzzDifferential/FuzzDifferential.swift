import ArabicNormalizer
import FuzzSupport

/// The fast path (`Normalizer`, bytes API) against the slow ICU reference path
/// (`ReferenceNormalizer`) for the same configuration, byte for byte; and idempotence:
/// normalizing the output again changes nothing. The header's sixth byte switches on the span
/// steps (`html`, `web`, `emoji`) with their policies (`FuzzInput.configuration`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDifferential(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let configuration = input.configuration()
    let text = input.rest
    let fast = Normalizer(configuration)

    var output: [UInt8] = []
    var stats = NormalizationStats()
    fast.normalize(utf8: UnsafeRawBufferPointer(text), appendingTo: &output, stats: &stats)

    let reference = Array(ReferenceNormalizer(configuration).normalize(String(decoding: text, as: UTF8.self)).utf8)
    if output != reference {
        fuzzFailure("fast path \(String(decoding: output, as: UTF8.self).debugDescription) != reference \(String(decoding: reference, as: UTF8.self).debugDescription)",
                    configuration: configuration, input: text)
    }
    var again: [UInt8] = []
    output.withUnsafeBytes { fast.normalize(utf8: $0, appendingTo: &again, stats: &stats) }
    if again != output {
        fuzzFailure("not idempotent: once \(String(decoding: output, as: UTF8.self).debugDescription), twice \(String(decoding: again, as: UTF8.self).debugDescription)",
                    configuration: configuration, input: text)
    }
    return 0
}
