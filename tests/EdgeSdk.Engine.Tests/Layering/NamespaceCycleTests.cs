// Keeps the engine's namespaces layered: the graph of its top-level namespaces, computed from the
// compiled engine, must have no cycle (docs/architecture.md "Namespaces" states the layering).
using EdgeSdk.Api;
using EdgeSdk.Tests;
using Xunit.Abstractions;

namespace EdgeSdk.Engine.Tests.Layering;

public sealed class NamespaceCycleTests(ITestOutputHelper output)
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(EdgeEngine).Assembly);

    /// <summary>
    /// Back edges tolerated while they are removed: none are left. The list may only shrink: an edge that no
    /// longer exists must be deleted here, and any other cycle or upward edge fails.
    /// </summary>
    private static readonly (string From, string To)[] KnownBackEdges = [];

    [Fact]
    public void Engine_namespaces_have_no_cycle()
    {
        var cycles = Graph.Without(KnownBackEdges).Cycles();
        foreach (var cycle in cycles)
        {
            output.WriteLine(string.Join(" -> ", cycle));
            for (var i = 0; i + 1 < cycle.Count; i++)
            {
                output.WriteLine($"   {cycle[i]} -> {cycle[i + 1]}: {string.Join(", ", Graph.Edges[cycle[i]][cycle[i + 1]])}");
            }
        }

        cycles.Should().BeEmpty("namespace cycles (see the test output for the references making each edge):\n" + string.Join("\n", cycles.Select(c => string.Join(" -> ", c))));
    }

    [Fact]
    public void Every_edge_points_down_the_documented_layering()
    {
        var line = File.ReadLines(Path.Combine(TestPaths.RepoRoot, "docs", "architecture.md")).Single(l => l.StartsWith("Layering:", StringComparison.Ordinal));
        var level = line["Layering:".Length..].Split('<')
            .SelectMany((group, i) => group.Split(',').Select(n => (Name: "EdgeSdk." + n.Trim(), Level: i)))
            .ToDictionary(x => x.Name, x => x.Level, StringComparer.Ordinal);
        var upward = new List<string>();
        foreach (var (from, targets) in Graph.Without(KnownBackEdges).Edges)
        {
            level.Should().ContainKey(from, "every engine namespace has a place in docs/architecture.md's layering");
            foreach (var (to, why) in targets)
            {
                level.Should().ContainKey(to, "every engine namespace has a place in docs/architecture.md's layering");
                if (level[to] >= level[from])
                {
                    upward.Add($"{from} -> {to} ({string.Join(", ", why)})");
                }
            }
        }

        upward.Should().BeEmpty("an area may only use the areas below it in docs/architecture.md's layering");
    }

    [Fact]
    public void Known_back_edges_still_exist()
    {
        foreach (var (from, to) in KnownBackEdges)
        {
            Graph.Edges.Should().ContainKey(from);
            Graph.Edges[from].Should().ContainKey(to, $"{from} -> {to} is gone: delete it from {nameof(KnownBackEdges)}");
        }
    }

    [Fact]
    public void Diagnostics_is_the_bottom_layer()
    {
        Graph.Edges.Should().NotContainKey("EdgeSdk.Diagnostics", "every area may use Diagnostics, so it may use none of them");
        Graph.Edges.Should().ContainKey("EdgeSdk.Pipeline", "the graph is computed from real references");
        Graph.Edges["EdgeSdk.Pipeline"].Should().ContainKey("EdgeSdk.Diagnostics");
    }
}
