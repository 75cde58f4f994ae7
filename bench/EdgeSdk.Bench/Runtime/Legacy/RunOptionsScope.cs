// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Per-run native OrtRunOptions tied to a CancellationToken: cancelling sets ORT's terminate flag, and a
// run that fails after cancellation is reported as EDGE3006 instead of a generic ORT error.
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Optional run options for one Run call (NULL handle when the token cannot be cancelled).</summary>
internal sealed unsafe class RunOptionsScope : IDisposable
{
    private readonly OrtApi api;
    private readonly CancellationToken token;
    private CancellationTokenRegistration registration;

    private RunOptionsScope(OrtApi api, nint handle, CancellationToken token)
    {
        this.api = api;
        this.token = token;
        Handle = handle;
    }

    /// <summary>Gets the native run options, or 0.</summary>
    public nint Handle { get; private set; }

    /// <summary>Creates run options hooked to <paramref name="token"/> (none when it can never be cancelled).</summary>
    public static RunOptionsScope Create(OrtLibrary library, CancellationToken token)
    {
        var api = library.Api;
        if (!token.CanBeCanceled)
        {
            return new RunOptionsScope(api, 0, token);
        }

        nint handle;
        OrtStatus.Check(api, api.CreateRunOptions(&handle), "creating run options");
        var scope = new RunOptionsScope(api, handle, token);
        scope.registration = token.Register(static s => ((RunOptionsScope)s!).Terminate(), scope);
        if (token.IsCancellationRequested)
        {
            scope.Terminate();
        }

        return scope;
    }

    /// <summary>Throws EDGE3006 when the run failed (non-null status) because the token was cancelled; releases the status then.</summary>
    public void ThrowIfCancelled(OrtApi ortApi, nint status, string source)
    {
        if (status == 0 || !token.IsCancellationRequested)
        {
            return;
        }

        var message = Marshal.PtrToStringUTF8((nint)ortApi.GetErrorMessage(status)) ?? string.Empty;
        ortApi.ReleaseStatus(status);
        throw new EdgeException(DiagnosticCatalog.Runtime.RunCancelled, $"The run of {source} was cancelled (ONNX Runtime: {message}).", inner: new OperationCanceledException(token));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        registration.Dispose();
        if (Handle != 0)
        {
            api.ReleaseRunOptions(Handle);
            Handle = 0;
        }
    }

    private void Terminate()
    {
        if (Handle != 0)
        {
            OrtStatus.Check(api, api.RunOptionsSetTerminate(Handle), "terminating a run");
        }
    }
}
