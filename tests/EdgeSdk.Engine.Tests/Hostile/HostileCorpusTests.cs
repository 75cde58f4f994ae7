// Replays the hostile corpus: each bad input gives its own EDGE code (at its line and column for recipes),
// nothing but EDGE diagnostics comes out, and no case hangs (each must finish within a generous bound,
// which catches a hang without timing anything).
using EdgeSdk.Diagnostics;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Hostile;

public sealed class HostileCorpusTests
{
    public static TheoryData<string> Cases => [.. HostileCorpus.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryBadInputGetsItsOwnLocatedCode(string name)
    {
        var @case = HostileCorpus.All.Single(c => c.Name == name);
        var dir = TestPaths.NewTempDir("hostile");
        var path = @case.Write(dir);

        var run = Task.Run(() => HostileInput.Diagnose(@case.Kind, path));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        finished.Should().BeSameAs(run, $"reading {name} must not hang");
        var diagnostics = await run;

        diagnostics.Should().NotBeEmpty($"{name} is bad input");
        diagnostics.Should().OnlyContain(d => d.Code.StartsWith("EDGE", StringComparison.Ordinal) && d.Code != DiagnosticCatalog.Sdk.InternalError.Code);
        var match = diagnostics.Where(d => d.Code == @case.Code).ToList();
        match.Should().NotBeEmpty($"{name} must report {@case.Code}; got {string.Join(" | ", diagnostics)}");
        if (@case.Line > 0)
        {
            match.Should().Contain(d => d.Location != null && d.Location.Line == @case.Line && d.Location.Column == @case.Column, string.Join(" | ", match));
        }
    }
}
