// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Turns an OrtStatus* returned by the C API into EDGE3003 carrying ORT's own message and error code,
// and releases the status. Every ORT call in the binding goes through Check.
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Checks ORT status pointers.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Throws <c>EDGE3003</c> when <paramref name="status"/> is not NULL; <paramref name="action"/> says what was being done.</summary>
    public static void Check(OrtApi api, nint status, string action)
    {
        if (status == 0)
        {
            return;
        }

        var code = (OrtErrorCode)api.GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)) ?? "(no message)";
        api.ReleaseStatus(status);
        throw OrtError.Create(code, message, action);
    }

    /// <summary>Checks a status with the loaded library's API table.</summary>
    public static void Check(nint status, string action) => Check(OrtLibrary.Instance.Api, status, action);
}
