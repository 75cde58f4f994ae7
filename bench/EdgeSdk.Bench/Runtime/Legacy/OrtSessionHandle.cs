// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Owns a native OrtSession. A SafeHandle so that a Run in flight on another thread keeps the session
// alive (DangerousAddRef) even if Dispose is called meanwhile.
using System.Runtime.InteropServices;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>A native <c>OrtSession*</c> released with <c>ReleaseSession</c>.</summary>
internal sealed unsafe class OrtSessionHandle : SafeHandle
{
    private readonly OrtApi api;

    public OrtSessionHandle(OrtApi api, nint session)
        : base(0, ownsHandle: true)
    {
        this.api = api;
        SetHandle(session);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        api.ReleaseSession(handle);
        return true;
    }
}
