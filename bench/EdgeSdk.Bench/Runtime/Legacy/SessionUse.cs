// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Keeps a session's native handle alive while one call uses it (SafeHandle ref counting), so Dispose on
// another thread defers the native release until in-flight runs end instead of freeing the session under them.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>A scoped borrow of an <see cref="OrtSessionHandle"/>.</summary>
internal readonly struct SessionUse : IDisposable
{
    private readonly OrtSessionHandle session;
    private readonly bool added;

    public SessionUse(OrtSessionHandle session)
    {
        this.session = session;
        added = false;
        try
        {
            session.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Runtime.RuntimeError, "The inference session was used after it was disposed.", inner: ex);
        }

        Handle = session.DangerousGetHandle();
    }

    /// <summary>Gets the native session pointer.</summary>
    public nint Handle { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (added)
        {
            session.DangerousRelease();
        }
    }
}
