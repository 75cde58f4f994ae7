// The fuzzing harness (issue 17, point 7): FsCheck-generated mutations of valid and hostile inputs fed to
// the model reader and checker, the .npy/.npz/CSV readers and the recipe loader. Each input may only give
// EDGE diagnostics (never another exception), within bounded time and memory. ./test.sh runs a brief,
// fixed-seed pass; set EDGESDK_FUZZ_COUNT (inputs per reader) and EDGESDK_FUZZ_SEED for a longer run.
// A failing input is written to the temp folder named in the failure, to replay it.
using EdgeSdk.Diagnostics;
using EdgeSdk.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeSdk.Engine.Tests.Hostile;

public sealed class FuzzTests
{
    /// <summary>The most bytes one input may make a reader allocate (hostile sizes must be refused before allocating).</summary>
    private const long MaxAllocatedBytes = 512L << 20;

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("EDGESDK_FUZZ_COUNT"), out var n) && n > 0 ? n : 120;

    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("EDGESDK_FUZZ_SEED"), out var s) ? s : 20261202;

    [Theory]
    [InlineData(InputKind.Recipe)]
    [InlineData(InputKind.Npy)]
    [InlineData(InputKind.Npz)]
    [InlineData(InputKind.Csv)]
    [InlineData(InputKind.Model)]
    public async Task MutatedInputsGiveOnlyEdgeDiagnosticsInBoundedTimeAndMemory(InputKind kind)
    {
        var inputs = FuzzInputs.For(kind).Sample(Count, new Rnd(Seed + (ulong)kind, 0x9E3779B97F4A7C15UL), 30);
        var dir = TestPaths.NewTempDir($"fuzz-{kind}");
        inputs.Should().HaveCount(Count);

        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            var path = Path.Combine(dir, $"input-{i:D4}{Extension(kind)}");
            await File.WriteAllBytesAsync(path, input.Bytes);
            var run = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var diagnostics = HostileInput.Diagnose(kind, path);
                    return (diagnostics, allocated: GC.GetAllocatedBytesForCurrentThread() - before, error: (Exception?)null);
                }
                catch (Exception ex)
                {
                    return ([], GC.GetAllocatedBytesForCurrentThread() - before, ex);
                }
            });
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
            finished.Should().BeSameAs(run, $"input {path} ({input.Recipe}) must not hang the {kind} reader");
            var (found, allocated, error) = await run;
            error.Should().BeNull($"input {path} ({input.Recipe}) must give EDGE diagnostics, not {error?.GetType().Name}: {error?.Message}");
            found.Where(d => !d.Code.StartsWith("EDGE", StringComparison.Ordinal) || d.Code == DiagnosticCatalog.Sdk.InternalError.Code).Should().BeEmpty($"input {path} ({input.Recipe})");
            allocated.Should().BeLessThan(MaxAllocatedBytes, $"input {path} ({input.Recipe}) must be refused before allocating");
        }
    }

    private static string Extension(InputKind kind) => kind switch
    {
        InputKind.Recipe => ".yaml",
        InputKind.Npy => ".npy",
        InputKind.Npz => ".npz",
        InputKind.Csv => ".csv",
        _ => ".onnx",
    };
}
