// Execution providers from the target profile: which providers a session gets (the profile's order, those the
// host's ONNX Runtime offers, CPU last) and what is recorded about the ones it runs without. The choice is
// tested on injected availability lists; the real sessions use a provider this host lacks, derived from
// OrtEnv.GetAvailableProviders(), so the tests hold whatever the package offers on the machine.
using EdgeSdk.Runtime;
using EdgeSdk.Targets;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class ExecutionProviderTests
{
    private static readonly string[] Appendable = [.. SessionOptionsBuilder.AppendableProviders];

    [Fact]
    public void AProviderTheHostLacksFallsBackToCpuAndSaysWhy()
    {
        var choice = ExecutionProviderSelection.Choose(["XnnpackExecutionProvider", "CPUExecutionProvider"], ["AzureExecutionProvider", "CPUExecutionProvider"], Appendable);

        choice.Appended.Should().BeEmpty();
        choice.Used.Should().Equal("CPUExecutionProvider");
        choice.Fallbacks.Should().ContainSingle().Which.Provider.Should().Be("XnnpackExecutionProvider");
        choice.Fallbacks[0].Reason.Should().Contain("does not offer").And.Contain("AzureExecutionProvider, CPUExecutionProvider");
    }

    [Fact]
    public void OfferedProvidersAreAppendedInTheProfilesOrderUpToCpu()
    {
        var choice = ExecutionProviderSelection.Choose(
            ["CoreMLExecutionProvider", "XnnpackExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider", "DnnlExecutionProvider"],
            ["CPUExecutionProvider", "CUDAExecutionProvider", "CoreMLExecutionProvider"],
            Appendable);

        choice.Appended.Should().Equal("CoreMLExecutionProvider", "CUDAExecutionProvider");
        choice.Used.Should().Equal("CoreMLExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider");
        choice.Fallbacks.Select(f => f.Provider).Should().Equal(["XnnpackExecutionProvider"], "DNNL comes after cpu, which takes every node, so it is never reached and not a fallback");
    }

    [Fact]
    public void AnOfferedProviderThePackageCannotAppendIsAFallbackToo()
    {
        var choice = ExecutionProviderSelection.Choose(["ACLExecutionProvider"], ["ACLExecutionProvider", "CPUExecutionProvider"], Appendable);

        choice.Used.Should().Equal("CPUExecutionProvider");
        choice.Fallbacks.Should().ContainSingle().Which.Reason.Should().Contain(".NET package");
    }

    [Fact]
    public void ASessionAskedForAProviderTheHostLacksRunsOnCpuAndRecordsTheFallback()
    {
        var missing = MissingOnHost();
        using var session = InferenceSession.FromModel(TinyModels.Identity(TensorElementType.Float), new SessionOptions { ExecutionProviders = [missing, ExecutionProviderNames.Cpu] });

        session.ExecutionProviders.Should().Equal(ExecutionProviderNames.Cpu);
        session.ProviderFallbacks.Should().ContainSingle().Which.Provider.Should().Be(missing);
        var output = session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat([1f, 2f, 3f], 1, 3) });
        output.Values.Single().AsFloat().Should().Equal(1f, 2f, 3f);
    }

    [Fact]
    public void ASessionWithoutRequestedProvidersIsCpuOnlyWithNoFallback()
    {
        using var session = InferenceSession.FromModel(TinyModels.Identity(TensorElementType.Float));

        session.ExecutionProviders.Should().Equal(ExecutionProviderNames.Cpu);
        session.ProviderFallbacks.Should().BeEmpty();
    }

    /// <summary>Returns a known provider this host's ONNX Runtime does not offer.</summary>
    internal static string MissingOnHost() =>
        ExecutionProviderNames.Known.Select(k => k.Ort).First(p => !OrtRuntime.Instance.Providers.Contains(p, StringComparer.OrdinalIgnoreCase));
}
