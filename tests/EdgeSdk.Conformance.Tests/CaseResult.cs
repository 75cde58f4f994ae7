// The outcome of one backend test case, in categories that say whose problem a failure is: ORT's
// (refuses to load or run the model), the binding's (a value it cannot marshal), or a wrong result.
namespace EdgeSdk.Conformance.Tests;

/// <summary>How a case ended.</summary>
public enum CaseStatus
{
    /// <summary>Round-trip equal and every output matched.</summary>
    Passed,

    /// <summary>ONNX Runtime refused to create a session (unsupported opset, operator or type).</summary>
    OrtRefusedLoad,

    /// <summary>ONNX Runtime created the session but failed while running it.</summary>
    OrtRefusedRun,

    /// <summary>A value the binding (or the test-data reader) does not marshal.</summary>
    NotMarshalled,

    /// <summary>An output differed from the reference.</summary>
    Mismatch,

    /// <summary>ModelFile's load/save round trip changed the model.</summary>
    RoundTripMismatch,
}

/// <summary>One case's result.</summary>
/// <param name="Id">The case id (<c>suite/case</c>).</param>
/// <param name="Status">The category.</param>
/// <param name="Reason">Why it did not pass (null when passed).</param>
public sealed record CaseResult(string Id, CaseStatus Status, string? Reason)
{
    /// <summary>Gets whether ORT itself refused the case (the only failures the expected-failures list may hold).</summary>
    public bool IsOrtRefusal => Status is CaseStatus.OrtRefusedLoad or CaseStatus.OrtRefusedRun;
}
