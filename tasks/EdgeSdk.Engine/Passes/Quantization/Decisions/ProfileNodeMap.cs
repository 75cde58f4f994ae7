// ONNX Runtime's per-node profile names the nodes of its *optimized* graph, not of the model it was given:
// fusions and layout rewrites rename them (a float Conv+Clip becomes "<Clip output>_nchwc", a Gemm+Relu
// "fused <Gemm>", a QDQ group around a Conv "<Conv>_token_N" as a QLinearConv). This file reads the profile
// JSON (per node, the kernel time of every run) and maps each profiled node back to the quantizable layer
// of the source graph it computes, through the source graph's node and tensor names; nodes that belong to
// no layer (Q/DQ at float/int8 borders, layout reorders, data movement) stay unattributed.
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Reads ONNX Runtime profile files.</summary>
internal static class OrtProfile
{
    /// <summary>Returns every profiled node's kernel times in microseconds, in run order, skipping each node's first <paramref name="skip"/> runs (warm-up).</summary>
    public static IReadOnlyDictionary<string, List<double>> NodeTimes(string json, int skip)
    {
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("cat", out var cat) || cat.GetString() != "Node"
                || !e.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { } name || !name.EndsWith("_kernel_time", StringComparison.Ordinal)
                || !e.TryGetProperty("dur", out var dur))
            {
                continue;
            }

            var node = name[..^"_kernel_time".Length];
            var count = seen.GetValueOrDefault(node);
            seen[node] = count + 1;
            if (count < skip)
            {
                continue;
            }

            if (!times.TryGetValue(node, out var list))
            {
                times[node] = list = [];
            }

            list.Add(dur.ValueKind == JsonValueKind.Number ? dur.GetDouble() : double.Parse(dur.GetString() ?? "0", CultureInfo.InvariantCulture));
        }

        return times;
    }

    /// <summary>Returns a robust per-run mean of <paramref name="microseconds"/> in milliseconds: the mean of the runs at or below the 90th percentile (preemptions on a shared machine are dropped, the microsecond resolution is kept).</summary>
    public static double RobustMeanMs(IReadOnlyList<double> microseconds)
    {
        if (microseconds.Count == 0)
        {
            return 0;
        }

        var sorted = microseconds.Order().ToArray();
        var keep = Math.Max(1, (int)Math.Ceiling(sorted.Length * 0.9));
        return sorted.Take(keep).Average() / 1000.0;
    }
}

/// <summary>Maps names of ONNX Runtime's optimized nodes to the layers of the graph it was given.</summary>
internal sealed partial class ProfileNodeMap
{
    // Ops a fused node may end in after the layer it computes (ORT folds them into the layer's kernel).
    private static readonly HashSet<string> Trailing = new(StringComparer.Ordinal) { "Relu", "Clip", "BatchNormalization", "QuantizeLinear", "DequantizeLinear", "LeakyRelu", "Sigmoid", "HardSigmoid", "Tanh" };

    // Suffixes of the nodes a rewrite makes out of one layer, named "<layer>_<suffix>" (the dynamic and weight-only modes').
    private static readonly string[] RewriteSuffixes = ["_DynamicQuantizeLinear", "_MatMulInteger", "_Cast", "_ScaleMul", "_OutputMul", "_MatMulNBits", "_BiasAdd"];

    private readonly ModelGraph _graph;
    private readonly HashSet<string> _layers;
    private readonly Dictionary<string, NodeProto> _byName;

    /// <summary>Creates the map for <paramref name="graph"/> (the model given to ONNX Runtime) and its <paramref name="layers"/> (node names).</summary>
    public ProfileNodeMap(ModelGraph graph, IEnumerable<string> layers)
    {
        _graph = graph;
        _layers = layers.ToHashSet(StringComparer.Ordinal);
        _byName = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            _byName.TryAdd(node.Name, node);
        }
    }

    /// <summary>Returns the layer the optimized node <paramref name="profiledName"/> computes, or null when it belongs to none.</summary>
    public string? LayerOf(string profiledName)
    {
        foreach (var key in Keys(profiledName))
        {
            if (_byName.TryGetValue(key, out var node) && Resolve(node) is { } byNode)
            {
                return byNode;
            }

            if (_graph.Producer(key) is { } producer && Resolve(producer) is { } byTensor)
            {
                return byTensor;
            }

            if (RewriteSuffixes.FirstOrDefault(s => key.EndsWith(s, StringComparison.Ordinal)) is { } suffix && _layers.Contains(key[..^suffix.Length]))
            {
                return key[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>Sums per-node times (ms per run) into per-layer times; what no layer claims is returned as the rest.</summary>
    public (IReadOnlyDictionary<string, double> Layers, double RestMs, IReadOnlyList<string> Unattributed) Attribute(IReadOnlyDictionary<string, double> nodeMs)
    {
        var layers = new Dictionary<string, double>(StringComparer.Ordinal);
        var rest = 0.0;
        var unattributed = new List<string>();
        foreach (var (node, ms) in nodeMs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (LayerOf(node) is { } layer)
            {
                layers[layer] = layers.GetValueOrDefault(layer) + ms;
            }
            else
            {
                rest += ms;
                unattributed.Add(node);
            }
        }

        return (layers, rest, unattributed);
    }

    // The name as profiled, then with ORT's decorations removed ("fused " prefix, "_nchwc", "_token_N").
    private static IEnumerable<string> Keys(string name)
    {
        yield return name;
        var current = name;
        if (current.StartsWith("fused ", StringComparison.Ordinal))
        {
            current = current["fused ".Length..];
            yield return current;
        }

        for (var i = 0; i < 3; i++)
        {
            var stripped = Decoration().Replace(current, string.Empty);
            if (stripped == current || stripped.Length == 0)
            {
                break;
            }

            current = stripped;
            yield return current;
        }
    }

    private string? Resolve(NodeProto node)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            if (_layers.Contains(node.Name))
            {
                return node.Name;
            }

            if (!Trailing.Contains(node.OpType) || node.Input.Count == 0 || _graph.Producer(node.Input[0]) is not { } producer)
            {
                return null;
            }

            node = producer;
        }

        return null;
    }

    [GeneratedRegex("(_nchwc|_token_[0-9]+|_kernel_time)$", RegexOptions.CultureInvariant)]
    private static partial Regex Decoration();
}
