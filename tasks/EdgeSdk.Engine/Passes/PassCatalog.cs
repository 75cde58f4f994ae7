// The registry of passes known to the engine, by recipe name. Recipe validation, schema generation and
// the planner all read it; adding a pass means adding one line here.
namespace EdgeSdk.Passes;

/// <summary>All passes, by their recipe name.</summary>
internal static class PassCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IPass>> PassesLazy = new(() =>
    {
        IPass[] passes =
        [
            new Fusion.FusePass(),
            new Quantization.QuantizePass(),
            new Pruning.PrunePass(),
            new LowRank.LowRankPass(),
            new Training.FinetunePass(),
            new Training.DistillPass(),
            new Training.QatPass(),
        ];
        return passes.ToDictionary(p => p.Descriptor.Name, StringComparer.Ordinal);
    });

    /// <summary>Gets every pass by name.</summary>
    public static IReadOnlyDictionary<string, IPass> All => PassesLazy.Value;

    /// <summary>Gets a pass by name, or null.</summary>
    public static IPass? Find(string name) => All.GetValueOrDefault(name);
}
