// Keeps a session alive while calls use it: Dispose on another thread defers releasing the native session
// until in-flight runs end instead of freeing it under them; a call after Dispose is a clear EDGE3003.
using EdgeSdk.Diagnostics;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Reference counting around a managed <see cref="Ort.InferenceSession"/>.</summary>
internal sealed class SessionLease
{
    private readonly Ort.InferenceSession session;
    private int users = 1;

    /// <summary>Initializes a new instance of the <see cref="SessionLease"/> class owning <paramref name="session"/>.</summary>
    public SessionLease(Ort.InferenceSession session) => this.session = session;

    /// <summary>Borrows the session; dispose the returned scope when the call ends.</summary>
    public Scope Use()
    {
        while (true)
        {
            var current = Volatile.Read(ref users);
            if (current == 0)
            {
                throw new EdgeException(DiagnosticCatalog.Runtime.RuntimeError, "The inference session was used after it was disposed.", inner: new ObjectDisposedException(nameof(InferenceSession)));
            }

            if (Interlocked.CompareExchange(ref users, current + 1, current) == current)
            {
                return new Scope(this);
            }
        }
    }

    /// <summary>Drops the owner's reference; the session is released when no call uses it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref users) == 0)
        {
            session.Dispose();
        }
    }

    /// <summary>One borrow of the session.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly SessionLease lease;

        /// <summary>Initializes a new instance of the <see cref="Scope"/> struct.</summary>
        public Scope(SessionLease lease) => this.lease = lease;

        /// <summary>Gets the session.</summary>
        public Ort.InferenceSession Session => lease.session;

        /// <inheritdoc/>
        public void Dispose() => lease.Release();
    }
}
