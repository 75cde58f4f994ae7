// Keeps a session's native handle alive while one call uses it (SafeHandle ref counting), so Dispose on
// another thread defers the native release until in-flight runs end instead of freeing the session under them.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Runtime;

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
