// What `edgesdk inspect` reports about a model: header, inputs and outputs with their (symbolic) shapes,
// operator counts, parameter count and sizes, and optionally every value's inferred type.
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Onnx.Inspection;

/// <summary>A typed value of the model (graph input, output or intermediate).</summary>
internal sealed record InspectedValue(string Name, InferredType Type, string? Producer);

/// <summary>The facts <c>edgesdk inspect</c> prints.</summary>
internal sealed record ModelInspection(
    string Path,
    long FileSizeBytes,
    long ExternalDataBytes,
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    IReadOnlyList<(string Domain, long Version)> Opsets,
    IReadOnlyList<InspectedValue> Inputs,
    IReadOnlyList<InspectedValue> Outputs,
    int NodeCount,
    IReadOnlyList<(string Op, int Count)> OpCounts,
    long ParameterCount,
    long ParameterBytes,
    IReadOnlyList<InspectedValue>? Values);
