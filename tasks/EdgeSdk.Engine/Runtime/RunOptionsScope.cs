// Per-run ORT RunOptions tied to a CancellationToken: cancelling sets ORT's terminate flag, and a run that
// fails after cancellation is reported as EDGE3006 instead of a generic ORT error. A run that cannot be
// cancelled shares one process-wide RunOptions (ORT only reads it) and one scope around it (it holds no
// registration and disposes nothing), which saves a native and a managed allocation per call.
using EdgeSdk.Diagnostics;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Run options for one Run call, hooked to a cancellation token.</summary>
internal sealed class RunOptionsScope : IDisposable
{
    private static readonly Lazy<RunOptionsScope> Shared = new(() => new RunOptionsScope(NewOptions(), CancellationToken.None, owned: false));
    private readonly CancellationToken token;
    private readonly bool owned;
    private CancellationTokenRegistration registration;

    private RunOptionsScope(Ort.RunOptions options, CancellationToken token, bool owned)
    {
        Options = options;
        this.token = token;
        this.owned = owned;
    }

    /// <summary>Gets the run options.</summary>
    public Ort.RunOptions Options { get; }

    /// <summary>Creates run options hooked to <paramref name="token"/>.</summary>
    public static RunOptionsScope Create(CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return Shared.Value;
        }

        var scope = new RunOptionsScope(NewOptions(), token, owned: true);
        scope.registration = token.Register(static s => ((RunOptionsScope)s!).Terminate(), scope);
        if (token.IsCancellationRequested)
        {
            scope.Terminate();
        }

        return scope;
    }

    /// <summary>Throws EDGE3006 when the run failed with <paramref name="ex"/> because the token was cancelled.</summary>
    public void ThrowIfCancelled(Ort.OnnxRuntimeException ex, string source)
    {
        if (!token.IsCancellationRequested)
        {
            return;
        }

        var (_, message) = OrtError.Parse(ex.Message);
        throw new EdgeException(DiagnosticCatalog.Runtime.RunCancelled, $"The run of {source} was cancelled (ONNX Runtime: {message}).", inner: new OperationCanceledException(token));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        registration.Dispose();
        if (owned)
        {
            Options.Dispose();
        }
    }

    private static Ort.RunOptions NewOptions() => new() { LogSeverityLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };

    private void Terminate() => Options.Terminate = true;
}
