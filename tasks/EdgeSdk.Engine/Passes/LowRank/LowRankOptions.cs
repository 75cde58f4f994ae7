// The lowrank pass's options, bound from the recipe when it loads; the chosen rank method's value is
// checked then (a budget of 0 is an error at the recipe line that set it).
using System.Globalization;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.LowRank;

/// <summary>Options of the <c>lowrank</c> pass.</summary>
internal sealed record LowRankOptions
{
    private static readonly (string, RankMethod)[] Methods = [("energy", RankMethod.Energy), ("ratio", RankMethod.Ratio), ("param_budget", RankMethod.ParameterBudget), ("mac_budget", RankMethod.MacBudget)];

    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<LowRankOptions> Declarations { get; } = new(
        "lowrank",
        new LowRankOptions(),
        [
            OptionFactory<LowRankOptions>.Enum("rank_method", "How ranks are chosen: energy (keep a fraction of Σs² per layer), ratio (a fraction of each layer's full rank), param_budget or mac_budget (fit the whole model into a fraction of its parameters or MACs).", RankMethod.Energy, Methods, (o, v) => o with { Method = v }, o => o.Method),
            OptionFactory<LowRankOptions>.Number("energy", "rank_method energy: fraction of squared singular values each layer keeps.", 0.95, 0.0, 1.0, (o, v) => o with { Energy = v }, o => o.Energy),
            OptionFactory<LowRankOptions>.Number("ratio", "rank_method ratio: rank as a fraction of the layer's full rank.", 0.5, 0.0, 1.0, (o, v) => o with { Ratio = v }, o => o.Ratio),
            OptionFactory<LowRankOptions>.Number("param_budget", "rank_method param_budget: the model's parameters after factorizing, as a fraction of before (0.5 = half).", 0.5, 0.0, 1.0, (o, v) => o with { ParamBudget = v }, o => o.ParamBudget),
            OptionFactory<LowRankOptions>.Number("mac_budget", "rank_method mac_budget: the model's MACs after factorizing, as a fraction of before.", 0.5, 0.0, 1.0, (o, v) => o with { MacBudget = v }, o => o.MacBudget),
            OptionFactory<LowRankOptions>.List("op_types", "Operators to factorize (Gemm, MatMul, Conv).", ["Gemm", "MatMul", "Conv"], (o, v) => o with { OpTypes = v }, o => o.OpTypes),
            OptionFactory<LowRankOptions>.Enum("conv_method", "k×k Conv: spatial (k×1 then 1×k), channel (R filters then 1×1), or auto (whichever needs fewer MACs).", "auto", [("auto", "auto"), ("spatial", "spatial"), ("channel", "channel")], (o, v) => o with { ConvMethod = v }, o => o.ConvMethod),
            OptionFactory<LowRankOptions>.List("skip_layers", "Node names left alone.", [], (o, v) => o with { SkipLayers = v }, o => o.SkipLayers),
            OptionFactory<LowRankOptions>.Number("min_mac_saving", "Factorize a layer only when it saves at least this fraction of its MACs (two layers cost more per MAC than one).", 0.1, 0.0, 0.99, (o, v) => o with { MinMacSaving = v }, o => o.MinMacSaving),
        ],
        Check);

    /// <summary>Gets how ranks are chosen.</summary>
    public RankMethod Method { get; init; } = RankMethod.Energy;

    /// <summary>Gets the energy fraction each layer keeps (energy method).</summary>
    public double Energy { get; init; } = 0.95;

    /// <summary>Gets the rank as a fraction of full rank (ratio method).</summary>
    public double Ratio { get; init; } = 0.5;

    /// <summary>Gets the parameter budget as a fraction of before.</summary>
    public double ParamBudget { get; init; } = 0.5;

    /// <summary>Gets the MAC budget as a fraction of before.</summary>
    public double MacBudget { get; init; } = 0.5;

    /// <summary>Gets the operator types to factorize.</summary>
    public IReadOnlyList<string> OpTypes { get; init; } = ["Gemm", "MatMul", "Conv"];

    /// <summary>Gets the k×k Conv decomposition: <c>auto</c>, <c>spatial</c> or <c>channel</c>.</summary>
    public string ConvMethod { get; init; } = "auto";

    /// <summary>Gets node names left alone.</summary>
    public IReadOnlyList<string> SkipLayers { get; init; } = [];

    /// <summary>Gets the least MAC saving a layer must reach to be factorized.</summary>
    public double MinMacSaving { get; init; } = 0.1;

    /// <summary>Gets the recipe key of the chosen method's value (e.g. <c>param_budget</c>).</summary>
    public string MethodKey => Method switch { RankMethod.Ratio => "ratio", RankMethod.ParameterBudget => "param_budget", RankMethod.MacBudget => "mac_budget", _ => "energy" };

    /// <summary>Gets the chosen method's value.</summary>
    public double MethodValue => Method switch { RankMethod.Ratio => Ratio, RankMethod.ParameterBudget => ParamBudget, RankMethod.MacBudget => MacBudget, _ => Energy };

    private static LowRankOptions Check(LowRankOptions o, OptionCheckContext context)
    {
        if (o.MethodValue <= 0 && o.Method != RankMethod.Energy)
        {
            context.Error(DiagnosticCatalog.LowRank.InvalidRankParameters, $"{o.MethodKey} must be greater than 0 (got {o.MethodValue.ToString(CultureInfo.InvariantCulture)}).", o.MethodKey);
        }

        return o;
    }
}
